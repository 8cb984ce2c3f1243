using System.CommandLine;
using Mpg.Gate.Review;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;

namespace Mpg.Gate.Cli.Commands;

/// <summary>
/// <c>mpg comment --report-md F</c>: posts a report made earlier (by <c>mpg gate --report-md</c>) as the
/// sticky PR comment, e.g. from a <c>workflow_run</c> workflow that may write where the gate's could not.
/// </summary>
internal static class CommentCommand
{
    private sealed record Settings(string? Policy, string? Report, string? Ci, ReviewOptions Review);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var github = new GitHubOptions();
        var command = new Command("comment", "Post a Markdown report made by 'mpg gate --report-md' as the sticky PR comment (or merge request note, pull request thread).")
        {
            common.Policy, common.ReportMarkdown, common.NoColor, common.Verbose,
        };
        github.AddTo(command);

        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(common.Policy),
                parse.GetValue(common.ReportMarkdown),
                parse.GetValue(github.Ci),
                github.Review(parse)),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        if (settings.Report is null)
        {
            throw new UsageException("give the report to post with --report-md FILE");
        }

        var path = Path.GetFullPath(settings.Report, context.WorkingDirectory);
        string markdown;
        try
        {
            markdown = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(settings.Report, $"cannot read the report: {e.Message}");
        }

        if (VerdictMarkdown.ReadMarkers(markdown) is not { } markers)
        {
            throw new InputException(settings.Report, "not a report of 'mpg gate': it has no '<!-- mpg-gate:NAME -->' marker");
        }

        // The policy's github: section applies where there is a policy (named, or ./mpg.yml); else always, not required.
        var policyFile = Path.GetFullPath(settings.Policy ?? CommonOptions.DefaultPolicy, context.WorkingDirectory);
        var spec = settings.Policy is not null || File.Exists(policyFile) ? PolicyLoader.Load(policyFile).GitHub : GitHubSpec.Default;
        var ci = GitHubOptions.Environment(settings.Ci, context.Host);
        return CiPublishing.Review(context, ci, spec, settings.Review, markers.Name, markdown, markers.Passed == false) ?? ExitCodes.Ok;
    }
}
