using Mpg.Gate.Policy;
using Mpg.Gate.Review;

namespace Mpg.Gate.GitHub;

/// <summary>
/// The sticky PR comment on GitHub end to end: finds the pull request and token, and hands the comments
/// (through Octokit) to the sticky report, which fits the body, posts or updates, and words every fault
/// without the token.
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
        string? fullReport = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Mode == CommentMode.Never)
        {
            return PublishResult.Skipped("github.comment is 'never'");
        }

        var resolved = TargetResolver.Resolve(options, environment);
        if (resolved.Target is not { } target || resolved.Token is not { } token)
        {
            return resolved.NotApplicable ? PublishResult.Skipped(resolved.Problem!) : PublishResult.CannotPost(resolved.Problem!);
        }

        var comments = connect?.Invoke(target, token) ?? new OctokitIssueComments(target, token, settings.Timeout);
        var host = new IssueCommentsHost(comments, target);
        return await StickyReport.TryPublishAsync(host, token, gateName, markdown, gateFailed, settings, fullReport, cancellation).ConfigureAwait(false);
    }
}
