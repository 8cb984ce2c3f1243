using Mpg.Gate.Policy;

namespace Mpg.Gate.GitHub;

public enum CommentAction
{
    Created,
    Updated,
    Unchanged,
    Skipped,
}

/// <summary>What the sticky comment did, and why (for the log).</summary>
public sealed record CommentOutcome(CommentAction Action, long? CommentId, string Reason);

/// <summary>
/// One comment per gate on a pull request, found by its hidden marker (across all pages of comments)
/// and updated in place.
/// </summary>
public static class StickyComment
{
    /// <summary>
    /// Posts or updates the comment holding <paramref name="marker"/>. A retry re-reads the comments, so
    /// a POST that reached GitHub before a fault is found and updated, never posted twice.
    /// </summary>
    /// <exception cref="GitHubFault">The comment could not be posted (after retries where the fault was transient).</exception>
    public static Task<CommentOutcome> PublishAsync(
        IIssueComments comments, string marker, string body, bool gateFailed, CommentMode mode, RetryPolicy retry, CancellationToken cancellation = default)
    {
        if (mode == CommentMode.Never)
        {
            return Task.FromResult(new CommentOutcome(CommentAction.Skipped, null, "github.comment is 'never'"));
        }

        return retry.Run(ct => Sync(comments, marker, body, gateFailed, mode, ct), cancellation);
    }

    private static async Task<CommentOutcome> Sync(IIssueComments comments, string marker, string body, bool gateFailed, CommentMode mode, CancellationToken cancellation)
    {
        var all = await comments.ListAsync(cancellation).ConfigureAwait(false);
        var existing = all.FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal));
        if (existing is null)
        {
            if (mode == CommentMode.OnRegression && !gateFailed)
            {
                return new CommentOutcome(CommentAction.Skipped, null, "github.comment is 'on-regression' and the gate passed");
            }

            var created = await comments.CreateAsync(body, cancellation).ConfigureAwait(false);
            return new CommentOutcome(CommentAction.Created, created.Id, "created");
        }

        if (mode == CommentMode.OnChange && Same(existing.Body, body))
        {
            return new CommentOutcome(CommentAction.Unchanged, existing.Id, "github.comment is 'on-change' and the results did not change");
        }

        await comments.UpdateAsync(existing.Id, body, cancellation).ConfigureAwait(false);

        // on-regression rewrites rather than deletes a failure comment once the gate passes: reviewers
        // who saw the failure see that it is fixed, and replies quoting it keep their context.
        var reason = mode == CommentMode.OnRegression && !gateFailed ? "rewritten: the failure it reported is fixed" : "updated";
        return new CommentOutcome(CommentAction.Updated, existing.Id, reason);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.ReplaceLineEndings("\n").TrimEnd(), b.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
}
