using System.CommandLine;
using Mpg.Gate.Comparison;
using Mpg.Gate.GitHub;
using Mpg.Gate.History;
using Mpg.Gate.Reports;
using Mpg.Gate.Runs;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg gate</c>: compare a candidate with a baseline; report; exit 0 (pass) or 1 (fail).</summary>
internal static class GateCommand
{
    private sealed record Settings(
        string? Policy, string[] Inputs, int? Seed, int? Samples, string? Baseline, string? Candidate, string? Json, string? ReportMarkdown, string? Junit, bool Verbose, bool Comment, TargetOptions GitHub, string? Model, bool NoColor, string? History, bool Record, string? Branch, string? Commit);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var comment = new Option<bool>("--comment") { Description = "Post the report as a sticky PR comment (the policy's github: section says when)." };
        var github = new GitHubOptions();
        var baseline = new Option<string?>("--baseline") { Description = "The baseline: a scorecard file, or history:BRANCH / history:base / history:BRANCH~median-of-N (overrides the policy's 'baseline')." };
        var history = new HistoryOptions();
        var record = new Option<bool>("--record") { Description = "Record the candidate in the history after gating (with --branch and --commit; in GitHub Actions they default from the run)." };
        var candidate = new Option<string?>("--candidate") { Description = "A candidate scorecard file, instead of scoring the inputs." };
        var command = new Command("gate", "Compare the candidate with the baseline under the policy's rules; exit 1 on a regression.")
        {
            common.Policy, common.Input, common.Model, common.Seed, common.Samples, baseline, candidate, common.Json, common.ReportMarkdown, common.Junit, common.NoColor, common.Verbose, comment, history.Store, record, history.Branch, history.Commit,
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
                parse.GetValue(common.NoColor),
                parse.GetValue(history.Store),
                parse.GetValue(record),
                parse.GetValue(history.Branch),
                parse.GetValue(history.Commit)),
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
        var actions = ActionsEvent.Read(context.Host.Environment);
        var sides = new GateSides(settings.Baseline, settings.Candidate, settings.Inputs, settings.Model, actions?.Base);
        var origin = settings.Record ? RecordOrigin.Resolve(settings.Branch, settings.Commit, settings.GitHub.PullRequest, context.Host.Environment) : null;
        using var store = settings.Record || GateJob.NeedsHistory(policy, sides) ? HistorySource.Open(settings.History, policy, context) : null;
        var now = ToolInfo.Now(context.Host.Environment);
        var (verdict, baseline, candidate) = GateJob.Run(policy, sides, context.WorkingDirectory, ToolInfo.Version, now, context.Error.WriteLine, progress, store);
        progress?.Dispose();
        if (store is not null)
        {
            verdict = verdict with { Trend = HistoryTrend.Of(store, policy.Name, TrendBranch(policy, sides, actions)) };
        }

        if (origin is not null && store is not null)
        {
            var id = store.Add(new NewHistoryRecord(policy.Name, origin.Branch, origin.Commit, origin.PullRequest, now, verdict.Result, ToolInfo.Version, candidate));
            context.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mpg: recorded {id}: {policy.Name} on {origin.Branch} @ {origin.Commit} in {store.Display}"));
        }

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
        foreach (var rule in verdict.Rules.Where(r => !r.Passed))
        {
            var code = rule.Status switch
            {
                NodeStatus.Floor => Diagnostics.FloorCode,
                NodeStatus.Missing => Diagnostics.MissingCode,
                NodeStatus.Drift => Diagnostics.DriftCode,
                _ => Diagnostics.RegressionCode,
            };
            context.Error.WriteLine(Diagnostics.Error(rule.File, rule.Line, rule.Column, code, rule.Message));
        }

        if (verdict.Fastness.Status is "warn" or "fail" && policy.Gate.Fastness is { } fast)
        {
            var message = $"Fastness ({verdict.Fastness.Metric}) ratio {Numbers(verdict.Fastness.Ratio)} below min_ratio {Numbers(fast.MinRatio)}";
            context.Error.WriteLine(verdict.Fastness.Status == "fail"
                ? Diagnostics.Error(fast.Span.File, fast.Span.Line, fast.Span.Column, Diagnostics.FastnessCode, message)
                : Diagnostics.Warning(fast.Span.File, fast.Span.Line, fast.Span.Column, Diagnostics.FastnessCode, message));
        }

        GitHubPublishing.ActionsReport(context, policy, verdict, markdown);
        var serviceExit = settings.Comment
            ? GitHubPublishing.Comment(context, policy.GitHub, settings.GitHub, verdict.Name, markdown, !verdict.Passed)
            : null;

        return serviceExit ?? (verdict.Passed ? ExitCodes.Ok : ExitCodes.GateFailed);
    }

    /// <summary>The branch whose trend the report shows: the history baseline's, else the drift rule's, else main.</summary>
    private static string TrendBranch(Policy.GatePolicy policy, GateSides sides, ActionsEvent? actions)
    {
        var value = sides.Baseline ?? policy.Baseline;
        if (HistoryBaseline.IsHistory(value))
        {
            var spec = HistoryBaseline.Parse(value!, Policy.SourceSpan.None(policy.File));
            return spec.Branch == HistoryBaseline.PullRequestBaseBranch ? actions?.Base?.Branch ?? "main" : spec.Branch;
        }

        return policy.Gate.Drift?.Branch ?? "main";
    }

    private static string Numbers(double? value) =>
        value?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
