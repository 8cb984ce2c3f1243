using Mpg.Gate.Comparison;
using Mpg.Gate.Review;
using Octokit;

namespace Mpg.Gate.GitHub;

/// <summary>One line of a check run's annotations: a finding at its policy line.</summary>
public sealed record CheckFinding(string Path, int Line, bool Error, string Title, string Message);

/// <summary>
/// The verdict as a GitHub check run on the head commit (<c>github.check: true</c> or <c>--check</c>):
/// conclusion failure, success or neutral (inconclusive), the report as its summary, the findings as
/// annotations, 50 per request as GitHub allows (the rest by updates). One run per gate and commit: a
/// second gate on the same commit updates it.
/// </summary>
public static class CheckRun
{
    /// <summary>GitHub takes at most 50 annotations per create or update request.</summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>GitHub's limit on a check run's summary.</summary>
    public const int MaxSummaryLength = 65_535;

    public static Task<PublishResult> PublishAsync(
        GitHubTarget target, string token, string headSha, string gateName, VerdictResult verdict, string markdown, IReadOnlyList<CheckFinding> findings, PublishSettings settings, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(settings);
        var client = OctokitIssueComments.Client(target, token, settings.Timeout);
        var name = $"mpg: {gateName}";
        var where = $"{target.Owner}/{target.Repository}@{(headSha.Length > 7 ? headSha[..7] : headSha)}";
        var summary = BodyLimit.Fit(markdown, MaxSummaryLength, "GitHub");
        var title = Title(verdict);
        var conclusion = verdict switch
        {
            VerdictResult.Fail => CheckConclusion.Failure,
            VerdictResult.Pass => CheckConclusion.Success,
            _ => CheckConclusion.Neutral,
        };
        var batches = findings.Chunk(AnnotationsPerRequest).Select(b => (IReadOnlyList<NewCheckRunAnnotation>)b.Select(Annotation).ToList()).ToList();
        return Run(async ct =>
        {
            var existing = await Call(() => client.Check.Run.GetAllForReference(target.Owner, target.Repository, headSha, new CheckRunRequest { CheckName = name }), target, token).ConfigureAwait(false);
            long id;
            CommentAction action;
            var first = Output(title, summary, batches.FirstOrDefault());
            if (existing.CheckRuns.FirstOrDefault(r => r.Name == name) is { } run)
            {
                id = run.Id;
                action = CommentAction.Updated;
                await Call(() => client.Check.Run.Update(target.Owner, target.Repository, id, new CheckRunUpdate { Status = CheckStatus.Completed, Conclusion = conclusion, Output = first }), target, token).ConfigureAwait(false);
            }
            else
            {
                var created = await Call(() => client.Check.Run.Create(target.Owner, target.Repository, new NewCheckRun(name, headSha) { Status = CheckStatus.Completed, Conclusion = conclusion, Output = first }), target, token).ConfigureAwait(false);
                id = created.Id;
                action = CommentAction.Created;
            }

            foreach (var batch in batches.Skip(1))
            {
                await Call(() => client.Check.Run.Update(target.Owner, target.Repository, id, new CheckRunUpdate { Output = Output(title, summary, batch) }), target, token).ConfigureAwait(false);
            }

            return new CommentOutcome(action, id, action == CommentAction.Created ? "created" : "updated");
        });

        async Task<PublishResult> Run(Func<CancellationToken, Task<CommentOutcome>> sync)
        {
            try
            {
                var outcome = await settings.Retry.Run(sync, cancellation).ConfigureAwait(false);
                return new PublishResult(false, outcome, $"check run '{name}' on {where}: {outcome.Reason}") { Where = where };
            }
            catch (ReviewFault fault)
            {
                var hint = fault.Kind == FaultKind.Forbidden
                    ? " — a fork's read-only token cannot create check runs (give the job 'permissions: checks: write' where it is not a fork)"
                    : string.Empty;
                return new PublishResult(true, null, Secret.Redact($"cannot post the check run to {where}: {fault.Message}{hint}", token)) { Where = where, Fault = fault.Kind };
            }
        }
    }

    private static NewCheckRunOutput Output(string title, string summary, IReadOnlyList<NewCheckRunAnnotation>? annotations) =>
        new(title, summary) { Annotations = annotations ?? [] };

    private static NewCheckRunAnnotation Annotation(CheckFinding finding) =>
        new(finding.Path, Math.Max(1, finding.Line), Math.Max(1, finding.Line), finding.Error ? CheckAnnotationLevel.Failure : CheckAnnotationLevel.Warning, finding.Message) { Title = finding.Title };

    private static string Title(VerdictResult verdict) => verdict switch
    {
        VerdictResult.Fail => "Regression",
        VerdictResult.Pass => "No regression",
        _ => "Inconclusive",
    };

    private static Task<T> Call<T>(Func<Task<T>> request, GitHubTarget target, string token) => OctokitIssueComments.Translated(request, target, token);
}
