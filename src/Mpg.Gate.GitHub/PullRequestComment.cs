using Mpg.Gate.Reports;

using Mpg.Gate.Policy;

namespace Mpg.Gate.GitHub;

/// <summary>What posting the comment came to: done (or rightly skipped), or failed with a warning to show.</summary>
public sealed record PublishResult(bool Failed, CommentOutcome? Outcome, string Message)
{
    public string? Where { get; init; }

    /// <summary>The kind of GitHub fault where a request failed; null where none was sent or none failed.</summary>
    public FaultKind? Fault { get; init; }
}

/// <summary>Settings of one publication: when to comment, and how hard to try.</summary>
public sealed record PublishSettings(CommentMode Mode, RetryPolicy Retry, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The sticky PR comment end to end: finds the pull request and token, fits the body to GitHub's
/// limit, posts or updates the comment, and turns every fault into a message without the token.
/// </summary>
public static class PullRequestComment
{
    public static async Task<PublishResult> PublishAsync(
        TargetOptions options,
        Func<string, string?> environment,
        string gateName,
        string markdown,
        bool gateFailed,
        PublishSettings settings,
        Func<GitHubTarget, string, IIssueComments>? connect = null,
        CancellationToken cancellation = default)
    {
        if (settings.Mode == CommentMode.Never)
        {
            return new PublishResult(false, new CommentOutcome(CommentAction.Skipped, null, "github.comment is 'never'"), "no comment: github.comment is 'never'");
        }

        var resolved = TargetResolver.Resolve(options, environment);
        if (resolved.Target is not { } target || resolved.Token is not { } token)
        {
            return resolved.NotApplicable
                ? new PublishResult(false, new CommentOutcome(CommentAction.Skipped, null, resolved.Problem!), $"no comment: {resolved.Problem}")
                : new PublishResult(true, null, $"cannot post the PR comment: {resolved.Problem}");
        }

        var body = CommentLimit.Fit(markdown);
        var comments = connect?.Invoke(target, token) ?? new OctokitIssueComments(target, token, settings.Timeout);
        try
        {
            var outcome = await StickyComment.PublishAsync(comments, VerdictMarkdown.Marker(gateName), body, gateFailed, settings.Mode, settings.Retry, cancellation).ConfigureAwait(false);
            return new PublishResult(false, outcome, $"PR comment {target}: {outcome.Reason}") { Where = target.ToString() };
        }
        catch (GitHubFault fault)
        {
            var message = $"cannot post the PR comment to {target}: {fault.Message}{Hint(fault.Kind, target)}";
            return new PublishResult(true, null, Secret.Redact(message, token)) { Where = target.ToString(), Fault = fault.Kind };
        }
    }

    private static string Hint(FaultKind kind, GitHubTarget target) => kind switch
    {
        FaultKind.Forbidden => " — likely a pull request from a fork, whose GITHUB_TOKEN is read-only; otherwise give the job 'permissions: pull-requests: write'",
        FaultKind.Unauthorized => " — the token is invalid or expired",
        FaultKind.NotFound => $" — check that {target.Owner}/{target.Repository} and PR #{target.PullRequest} exist and the token can see them",
        FaultKind.Invalid => " — GitHub refused the comment body",
        _ => string.Empty,
    };
}
