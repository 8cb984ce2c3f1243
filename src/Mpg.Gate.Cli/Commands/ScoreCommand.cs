using System.CommandLine;
using Mpg.Gate.Reports;
using Mpg.Gate.Jobs;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg score</c>: one run → a scorecard, printed as a table, JSON or Markdown.</summary>
internal static class ScoreCommand
{
    private sealed record Settings(PolicyChoice Policy, string[] Inputs, string? Output, string Format, string? Json, string? ReportMarkdown, bool Verbose, string? Model, bool NoColor);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the scorecard JSON to this file (use it later as a baseline)." };
        var format = new Option<string>("--format") { Description = "What to print on stdout.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("score", "Score one run: Goodness over the policy's tree, Fastness, as a scorecard.")
        {
            common.Policy, common.Input, common.Model, common.Seed, common.Samples, output, format, common.Json, common.ReportMarkdown, common.NoColor, common.Verbose,
        };
        command.SetAction(parse => Run(
            new Settings(
                common.PolicyChoice(parse),
                parse.GetValue(common.Input) ?? [],
                parse.GetValue(output),
                parse.GetValue(format)!,
                parse.GetValue(common.Json),
                parse.GetValue(common.ReportMarkdown),
                parse.GetValue(common.Verbose),
                parse.GetValue(common.Model),
                parse.GetValue(common.NoColor)),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        var policy = PolicySource.Load(settings.Policy, settings.Inputs.Length > 0, context.WorkingDirectory);
        Scorecard card;
        using (var progress = InputProgress.For(context, RunLoader.ResolveFiles(policy, settings.Inputs, context.WorkingDirectory), settings.NoColor))
        {
            card = ScoreJob.Run(policy, settings.Inputs, context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(context.Host), settings.Model, context.Error.WriteLine, progress);
        }

        if (settings.Verbose)
        {
            VerboseLog.Scorecard(context.Error, card, "score");
        }

        OutputFiles.Write(settings.Output, context.WorkingDirectory, stream => ScorecardFile.WriteJson(card, stream));
        OutputFiles.Write(settings.Json, context.WorkingDirectory, stream => ScorecardFile.WriteJson(card, stream));
        OutputFiles.Write(settings.ReportMarkdown, context.WorkingDirectory, () => ScorecardMarkdown.Render(card));
        context.Out.Write(settings.Format switch
        {
            "json" => ScorecardFile.ToJson(card),
            "markdown" => ScorecardMarkdown.Render(card),
            _ => TextReport.Scorecard(card),
        });
        return ExitCodes.Ok;
    }
}
