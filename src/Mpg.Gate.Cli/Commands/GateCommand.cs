using System.CommandLine;
using Mpg.Gate.Comparison;
using Mpg.Gate.Review;
using Mpg.Gate.History;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg gate</c>: compare a candidate with a baseline; report; exit 0 (pass) or 1 (fail).</summary>
internal static class GateCommand
{
    /// <summary>The report files asked for on the command line (the policy's <c>report:</c> adds its own).</summary>
    /// <param name="FilesRead">Where to list the files the gate read, for build tools' incremental checks (the MSBuild task).</param>
    /// <param name="ExplainMarkdown">Where to write every flipped item of the explained nodes (<c>--explain-md</c>).</param>
    private sealed record ReportFiles(string? Json, string? Markdown, string? Junit, string? FilesRead, string? ExplainMarkdown = null);

    /// <summary>The history options: the store, and whether (and as what) to record the candidate.</summary>
    private sealed record HistorySettings(string? Store, bool Record, string? Branch, string? Commit);

    /// <summary>What goes to the CI: the sticky review report, a GitHub check run, GitLab's widget reports.</summary>
    private sealed record CiSettings(string? Ci, bool Comment, bool Check, ReviewOptions Review, string? CodeQuality, string? Metrics);

    private sealed record Settings(PolicyChoice Policy, GateSides Sides, ReportFiles Reports, bool Verbose, bool NoColor, CiSettings Ci, HistorySettings History);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var comment = new Option<bool>("--comment") { Description = "Post the report as a sticky PR comment, GitLab merge request note or Azure DevOps pull request thread (the policy's github: section says when)." };
        var check = new Option<bool>("--check") { Description = "Also report as a GitHub check run on the head commit (as the policy's github.check: true)." };
        var codeQuality = new Option<string?>("--codequality") { Description = "Write the findings as a GitLab Code Quality report (Code Climate JSON) to FILE." };
        var metrics = new Option<string?>("--metrics") { Description = "Write per-node scores as a GitLab metrics report (OpenMetrics text) to FILE." };
        var github = new GitHubOptions();
        var sides = new SidesOptions();
        var history = new HistoryOptions();
        var record = new Option<bool>("--record") { Description = "Record the candidate in the history after gating (with --branch and --commit; in GitHub Actions they default from the run)." };
        var explainMd = new Option<string?>("--explain-md") { Description = "Write every item that broke or was fixed under the nodes that regressed (else the whole tree), as Markdown, to FILE." };
        var filesRead = new Option<string?>("--files-read") { Description = "Write the files the gate read (eval outputs or candidate scorecard, then the baseline), one full path per line." };
        var command = new Command("gate", "Compare the candidate with the baseline under the policy's rules; exit 1 on a regression.")
        {
            common.Policy, common.Input, common.Model, common.Seed, common.Samples, sides.Baseline, sides.Candidate, common.Json, common.ReportMarkdown, common.Junit, explainMd, filesRead, common.NoColor, common.Verbose, comment, check, codeQuality, metrics, history.Store, record, history.Branch, history.Commit,
        };
        github.AddTo(command);

        command.SetAction(parse => Run(
            new Settings(
                common.PolicyChoice(parse),
                sides.Read(parse, common),
                new ReportFiles(parse.GetValue(common.Json), parse.GetValue(common.ReportMarkdown), parse.GetValue(common.Junit), parse.GetValue(filesRead), parse.GetValue(explainMd)),
                parse.GetValue(common.Verbose),
                parse.GetValue(common.NoColor),
                new CiSettings(parse.GetValue(github.Ci), parse.GetValue(comment), parse.GetValue(check), github.Review(parse), parse.GetValue(codeQuality), parse.GetValue(metrics)),
                new HistorySettings(parse.GetValue(history.Store), parse.GetValue(record), parse.GetValue(history.Branch), parse.GetValue(history.Commit))),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        var sides = settings.Sides;
        var ci = GitHubOptions.Environment(settings.Ci.Ci, context.Host);
        context = context with { Out = LogGuard.Of(context.Out, ci.Platform), Error = LogGuard.Of(context.Error, ci.Platform) };
        var policy = PolicySource.Load(settings.Policy, sides.Inputs.Count > 0 || sides.Candidate is not null, context.WorkingDirectory);
        var actions = ActionsEvent.Read(context.Host.Environment);
        sides = sides with { PullRequest = actions?.Base };
        var origin = settings.History.Record ? RecordOrigin.Resolve(settings.History.Branch, settings.History.Commit, settings.Ci.Review.Request, context.Host.Environment) : null;
        using var store = origin is not null || GateJob.NeedsHistory(policy, sides) ? HistorySource.Open(settings.History.Store, policy, context) : null;
        var now = ToolInfo.Now(context.Host);
        GateResult result;
        using (var progress = sides.Candidate is null ? InputProgress.For(context, RunLoader.ResolveFiles(policy, sides.Inputs, context.WorkingDirectory), settings.NoColor) : null)
        {
            result = GateJob.Run(policy, sides, context.WorkingDirectory, ToolInfo.Version, now, context.Error.WriteLine, progress, store);
        }

        // With history_errors: warn, the first use of the store that fails ends the run's use of it (the later ones are
        // missed too) and the gate goes on; a history baseline that cannot be read has thrown already, whatever the policy.
        var warn = policy.HistoryErrors == HistoryErrors.Warn;
        var outage = result.Verdict.HistoryOutage;
        void UseStore(HistoryUse use, Action action)
        {
            if (outage is not null)
            {
                outage = outage.Also(use);
                return;
            }

            try
            {
                action();
            }
            catch (HistoryException e) when (warn)
            {
                outage = new HistoryOutage(e.Store, e.Message, [use]);
            }
        }

        if (store is not null)
        {
            UseStore(HistoryUse.Trend, () => result = result with { Verdict = result.Verdict with { Trend = HistoryTrend.Of(store, policy.Name, TrendBranch(policy, sides, actions)) } });
        }

        if (origin is not null && store is not null)
        {
            UseStore(HistoryUse.Record, () =>
            {
                var id = store.Add(new NewHistoryRecord(policy.Name, origin.Branch, origin.Commit, origin.PullRequest, now, Spelling.Of(result.Verdict.Result), ToolInfo.Version, result.Candidate, VerdictFile.ToJson(result.Verdict)));
                context.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mpg: recorded {id}: {policy.Name} on {origin.Branch} @ {origin.Commit} in {store.Display}"));
            });
        }

        if (outage is not null)
        {
            result = result with { Verdict = result.Verdict with { HistoryOutage = outage } };
            context.Error.WriteLine(new Diagnostic(Severity.Warning, DiagnosticCode.History, outage.Store, 0, 0, $"{outage.Message}; {outage.Consequences} (history_errors: warn)").ToCanonical());
        }

        if (settings.Verbose)
        {
            VerboseLog.Scorecard(context.Error, result.Baseline, "baseline");
            VerboseLog.Scorecard(context.Error, result.Candidate, "candidate");
        }

        var verdict = result.Verdict;
        var markdown = VerdictMarkdown.Render(verdict);
        Write(settings.Reports, policy, result, markdown, context.WorkingDirectory);

        context.Out.Write(TextReport.Verdict(verdict));
        var findings = VerdictDiagnostics.Of(verdict, policy.Gate.Fastness);
        foreach (var finding in findings)
        {
            context.Error.WriteLine(finding.ToCanonical());
        }

        OutputFiles.Write(settings.Ci.CodeQuality, context.WorkingDirectory, () => CodeQualityReport.Render(verdict.Name, findings, f => CiPublishing.Relative(context, ci, f)));
        OutputFiles.Write(settings.Ci.Metrics, context.WorkingDirectory, () => MetricsReport.Render(verdict));
        CiPublishing.LogReport(context, ci, verdict, findings, markdown);
        var commentExit = settings.Ci.Comment
            ? CiPublishing.Review(context, ci, policy.GitHub, settings.Ci.Review, verdict.Name, markdown, verdict.Failed)
            : null;
        var checkExit = settings.Ci.Check || policy.GitHub.Check
            ? CiPublishing.Check(context, ci, policy.GitHub, settings.Ci.Review, verdict, findings, markdown)
            : null;

        return commentExit ?? checkExit ?? (verdict.Failed ? ExitCodes.GateFailed : ExitCodes.Ok);
    }

    /// <summary>The branch whose trend the report shows: the history baseline's, else the drift rule's, else main.</summary>
    private static string TrendBranch(GatePolicy policy, GateSides sides, ActionsEvent? actions)
    {
        var value = sides.Baseline ?? policy.Baseline;
        if (HistoryBaseline.IsHistory(value))
        {
            var spec = HistoryBaseline.Parse(value!, SourceSpan.None(policy.File));
            return spec.Branch == HistoryBaseline.PullRequestBaseBranch ? actions?.Base?.Branch ?? "main" : spec.Branch;
        }

        return policy.Gate.Drift?.Branch ?? "main";
    }

    /// <summary>The reports the command line asks for (relative to the working folder), then the policy's (relative to the policy).</summary>
    private static void Write(ReportFiles files, GatePolicy policy, GateResult result, string markdown, string workingDirectory)
    {
        var verdict = result.Verdict;
        var reports = new (string? CommandLine, string? Policy, Func<string> Content)[]
        {
            (files.Json, policy.Report.Json, () => VerdictFile.ToJson(verdict)),
            (files.Markdown, policy.Report.Markdown, () => markdown),
            (files.Junit, policy.Report.Junit, () => JunitReport.Render(verdict)),
        };
        foreach (var (commandLine, inPolicy, content) in reports)
        {
            OutputFiles.Write(commandLine, workingDirectory, content);
            OutputFiles.Write(inPolicy, policy.Directory, content);
        }

        OutputFiles.Write(files.FilesRead, workingDirectory, () => string.Concat(result.FilesRead.Select(f => f + "\n")));
        OutputFiles.Write(files.ExplainMarkdown, workingDirectory, () => ExplanationReport.Markdown(ExplainJob.Run(policy, result, null), policy.Level));
    }
}
