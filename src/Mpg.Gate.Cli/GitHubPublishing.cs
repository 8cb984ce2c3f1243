using System.Globalization;
using Mpg.Gate.Comparison;
using Mpg.Gate.GitHub;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;

namespace Mpg.Gate.Cli;

/// <summary>
/// The GitHub side of a gate: the job summary, step outputs and annotations where Actions set them
/// up, and the sticky PR comment when asked. A comment that cannot be posted is a warning; the exit
/// code stays the verdict's unless the policy says <c>github.required: true</c> (then 4).
/// </summary>
internal static class GitHubPublishing
{
    public static void ActionsReport(CommandContext context, Verdict verdict, IReadOnlyList<Diagnostic> findings, string markdown)
    {
        var env = context.Host.Environment;
        ActionsWorkflow.AppendSummary(env, markdown);
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        ActionsWorkflow.WriteOutputs(env,
        [
            new("verdict", Spelling.Of(verdict.Result)),
            new("goodness", Number(root?.CandidateMean)),
            new("fastness", Number(verdict.Fastness.Candidate)),
        ]);

        if (!ActionsWorkflow.IsActions(env))
        {
            return;
        }

        foreach (var finding in findings)
        {
            context.Out.Flush();
            context.Commands.WriteLine(Annotation(context, finding));
        }
    }

    /// <summary>Posts the comment; returns the exit code to use instead of the verdict's, or null to keep it.</summary>
    public static int? Comment(CommandContext context, GitHubSpec spec, TargetOptions target, string gateName, string markdown, bool gateFailed)
    {
        var settings = new PublishSettings(spec.Comment, RetryPolicy.Default with { Delay = context.Host.Delay }, PublishSettings.DefaultTimeout);
        var result = PullRequestComment.PublishAsync(target, context.Host.Environment, gateName, markdown, gateFailed, settings).GetAwaiter().GetResult();
        if (!result.Failed)
        {
            context.Error.WriteLine($"mpg: {result.Message}");
            return null;
        }

        var finding = spec.Required
            ? new Diagnostic(Severity.Error, DiagnosticCode.Service, null, 0, 0, $"{result.Message} (github.required is true)")
            : new Diagnostic(Severity.Warning, DiagnosticCode.Service, null, 0, 0, result.Message);
        context.Error.WriteLine(finding.ToCanonical());
        if (ActionsWorkflow.IsActions(context.Host.Environment))
        {
            // The annotation says what went wrong; the log line above also says why it is an error.
            context.Out.Flush();
            context.Commands.WriteLine(Annotation(context, finding with { Message = result.Message }));
        }

        return spec.Required ? ExitCodes.ServiceError : null;
    }

    /// <summary>An Actions annotation of one finding, titled by its code (and the rule's node).</summary>
    private static string Annotation(CommandContext context, Diagnostic finding) =>
        ActionsWorkflow.Annotation(
            finding.Severity == Severity.Error ? "error" : "warning",
            finding.File is null ? null : Relative(context, finding.File),
            finding.Line,
            finding.Column,
            finding.Subject is null ? finding.Code : $"{finding.Code} {finding.Subject}",
            finding.Message);

    /// <summary>Annotations name files relative to the workspace (the repository root in Actions).</summary>
    private static string Relative(CommandContext context, string file)
    {
        var root = context.Host.Environment("GITHUB_WORKSPACE") is { Length: > 0 } workspace ? workspace : context.WorkingDirectory;
        var full = Path.GetFullPath(file, context.WorkingDirectory);
        var relative = Path.GetRelativePath(root, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;
}
