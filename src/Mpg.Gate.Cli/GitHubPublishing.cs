using System.Globalization;
using Mpg.Gate.Comparison;
using Mpg.Gate.GitHub;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Cli;

/// <summary>
/// The GitHub side of a gate: the job summary, step outputs and annotations where Actions set them
/// up, and the sticky PR comment when asked. A comment that cannot be posted is a warning; the exit
/// code stays the verdict's unless the policy says <c>github.required: true</c> (then 4).
/// </summary>
internal static class GitHubPublishing
{
    public static void ActionsReport(CommandContext context, GatePolicy policy, Verdict verdict, string markdown)
    {
        var env = context.Host.Environment;
        ActionsWorkflow.AppendSummary(env, markdown);
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        ActionsWorkflow.WriteOutputs(env,
        [
            new("verdict", verdict.Result),
            new("goodness", Number(root?.CandidateMean)),
            new("fastness", Number(verdict.Fastness.Candidate)),
        ]);

        if (!ActionsWorkflow.IsActions(env))
        {
            return;
        }

        foreach (var rule in verdict.Rules.Where(r => !r.Passed || r.Inconclusive == InconclusiveAction.Warn))
        {
            var code = Commands.GateCommand.CodeOf(rule);
            context.Out.WriteLine(ActionsWorkflow.Annotation(rule.Passed ? "warning" : "error", Relative(context, rule.File), rule.Line, rule.Column, $"{code} {rule.Node}", rule.Message));
        }

        if (verdict.Fastness.Status is "warn" or "fail" && policy.Gate.Fastness is { } fast)
        {
            var message = $"Fastness ({verdict.Fastness.Metric}) ratio {Number(verdict.Fastness.Ratio)} below min_ratio {Number(fast.MinRatio)}";
            context.Out.WriteLine(ActionsWorkflow.Annotation(verdict.Fastness.Status == "fail" ? "error" : "warning", Relative(context, fast.Span.File), fast.Span.Line, fast.Span.Column, Diagnostics.FastnessCode, message));
        }
    }

    /// <summary>Posts the comment; returns the exit code to use instead of the verdict's, or null to keep it.</summary>
    public static int? Comment(CommandContext context, GitHubSpec spec, TargetOptions target, string gateName, string markdown, bool gateFailed)
    {
        var settings = new PublishSettings(StickyComment.ParseMode(spec.Comment), RetryPolicy.Default with { Delay = context.Host.Delay }, PublishSettings.DefaultTimeout);
        var result = PullRequestComment.PublishAsync(target, context.Host.Environment, gateName, markdown, gateFailed, settings).GetAwaiter().GetResult();
        if (!result.Failed)
        {
            context.Error.WriteLine($"mpg: {result.Message}");
            return null;
        }

        if (spec.Required)
        {
            context.Error.WriteLine($"mpg: error {Diagnostics.GitHubCode}: {result.Message} (github.required is true)");
            if (ActionsWorkflow.IsActions(context.Host.Environment))
            {
                context.Out.WriteLine(ActionsWorkflow.Annotation("error", null, 0, 0, Diagnostics.GitHubCode, result.Message));
            }

            return ExitCodes.ServiceError;
        }

        context.Error.WriteLine($"mpg: warning {Diagnostics.GitHubCode}: {result.Message}");
        if (ActionsWorkflow.IsActions(context.Host.Environment))
        {
            context.Out.WriteLine(ActionsWorkflow.Annotation("warning", null, 0, 0, Diagnostics.GitHubCode, result.Message));
        }

        return null;
    }

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
