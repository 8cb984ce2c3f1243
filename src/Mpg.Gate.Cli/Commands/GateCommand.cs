using System.CommandLine;
using Mpg.Gate.Comparison;
using Mpg.Gate.GitHub;
using Mpg.Gate.Reports;
using Mpg.Gate.Runs;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg gate</c>: compare a candidate with a baseline; report; exit 0 (pass) or 1 (fail).</summary>
internal static class GateCommand
{
    private sealed record Settings(
        string? Policy, string[] Inputs, int? Seed, int? Samples, string? Baseline, string? Candidate, string? Json, string? ReportMarkdown, string? Junit, bool Verbose, bool Comment, TargetOptions GitHub, string? Model, bool NoColor);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var comment = new Option<bool>("--comment") { Description = "Post the report as a sticky PR comment (the policy's github: section says when)." };
        var github = new GitHubOptions();
        var baseline = new Option<string?>("--baseline") { Description = "The baseline scorecard file (overrides the policy's 'baseline')." };
        var candidate = new Option<string?>("--candidate") { Description = "A candidate scorecard file, instead of scoring the inputs." };
        var command = new Command("gate", "Compare the candidate with the baseline under the policy's rules; exit 1 on a regression.")
        {
            common.Policy, common.Input, common.Model, common.Seed, common.Samples, baseline, candidate, common.Json, common.ReportMarkdown, common.Junit, common.NoColor, common.Verbose, comment,
        };
        foreach (var option in github.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(common.Policy),
                parse.GetValue(common.Input) ?? [],
                parse.GetValue(common.Seed),
                parse.GetValue(common.Samples),
                parse.GetValue(baseline),
                parse.GetValue(candidate),
                parse.GetValue(common.Json),
                parse.GetValue(common.ReportMarkdown),
                parse.GetValue(common.Junit),
                parse.GetValue(common.Verbose),
                parse.GetValue(comment),
                new TargetOptions(parse.GetValue(github.Repository), parse.GetValue(github.PullRequest), parse.GetValue(github.ApiUrl), parse.GetValue(github.TokenVariable)),
                parse.GetValue(common.Model),
                parse.GetValue(common.NoColor)),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        if (settings.Candidate is not null && settings.Inputs.Length > 0)
        {
            throw new UsageException("give either --candidate (a scorecard) or -i (eval outputs to score), not both");
        }

        var policy = PolicySource.Load(settings.Policy, settings.Inputs.Length > 0 || settings.Candidate is not null, settings.Seed, settings.Samples, context.WorkingDirectory);
        using var progress = settings.Candidate is null
            ? InputProgress.For(context, RunLoader.ResolveFiles(policy, settings.Inputs, context.WorkingDirectory), settings.NoColor)
            : null;
        var (verdict, baseline, candidate) = GateJob.Run(policy, new GateSides(settings.Baseline, settings.Candidate, settings.Inputs, settings.Model), context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(), context.Error.WriteLine, progress);
        progress?.Dispose();

        if (settings.Verbose)
        {
            VerboseLog.Scorecard(context.Error, baseline, "baseline");
            VerboseLog.Scorecard(context.Error, candidate, "candidate");
        }

        var cwd = context.WorkingDirectory;
        OutputFiles.Write(settings.Json, cwd, () => VerdictFile.ToJson(verdict));
        var markdown = VerdictMarkdown.Render(verdict);
        OutputFiles.Write(settings.ReportMarkdown, cwd, () => markdown);
        OutputFiles.Write(settings.Junit, cwd, () => JunitReport.Render(verdict));
        OutputFiles.Write(policy.Report.Json, policy.Directory, () => VerdictFile.ToJson(verdict));
        OutputFiles.Write(policy.Report.Markdown, policy.Directory, () => markdown);
        OutputFiles.Write(policy.Report.Junit, policy.Directory, () => JunitReport.Render(verdict));

        context.Out.Write(TextReport.Verdict(verdict));
        var findings = VerdictDiagnostics.Of(verdict, policy.Gate.Fastness);
        foreach (var finding in findings)
        {
            context.Error.WriteLine(finding.ToCanonical());
        }

        GitHubPublishing.ActionsReport(context, verdict, findings, markdown);
        var serviceExit = settings.Comment
            ? GitHubPublishing.Comment(context, policy.GitHub, settings.GitHub, verdict.Name, markdown, verdict.Failed)
            : null;

        return serviceExit ?? (verdict.Failed ? ExitCodes.GateFailed : ExitCodes.Ok);
    }
}
