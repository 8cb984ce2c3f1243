using Mpg.Gate.Policy;

namespace Mpg.Gate.Review;

public enum CommentAction
{
    Created,
    Updated,
    Unchanged,
    Skipped,
}

/// <summary>What the sticky report did, and why (for the log).</summary>
public sealed record CommentOutcome(CommentAction Action, long? CommentId, string Reason);

/// <summary>What posting the report came to: done (or rightly skipped), or failed with a warning to show.</summary>
public sealed record PublishResult(bool Failed, CommentOutcome? Outcome, string Message)
{
    public string? Where { get; init; }

    /// <summary>The kind of fault where a request failed; null where none was sent or none failed.</summary>
    public FaultKind? Fault { get; init; }

    /// <param name="what">What was not posted, for the line: "comment", "check run".</param>
    public static PublishResult Skipped(string why, string what = "comment") => new(false, new CommentOutcome(CommentAction.Skipped, null, why), $"no {what}: {why}");

    public static PublishResult CannotPost(string why) => new(true, null, $"cannot post the PR comment: {why}");
}

/// <summary>Settings of one publication: when to comment, and how hard to try.</summary>
public sealed record PublishSettings(CommentMode Mode, RetryPolicy Retry, TimeSpan Timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
}

/// <summary>
/// One report per gate on a pull or merge request, on any <see cref="IReviewHost"/>: found by its marker,
/// cut to the host's limit, updated in place, retried with backoff where the fault is transient.
/// </summary>
public static class StickyReport
{
    /// <summary>
    /// Posts or updates the report of <paramref name="gateName"/>. A retry looks the report up again, so a
    /// create that reached the host before a fault is found and updated, never posted twice.
    /// </summary>
    /// <param name="fullReport">Where the whole report is (the run's page), named in the note of a cut body.</param>
    /// <exception cref="ReviewFault">The report could not be posted (after retries where the fault was transient).</exception>
    public static Task<CommentOutcome> PublishAsync(
        IReviewHost host, string gateName, string markdown, bool gateFailed, CommentMode mode, RetryPolicy retry, string? fullReport = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(retry);
        if (mode == CommentMode.Never)
        {
            return Task.FromResult(new CommentOutcome(CommentAction.Skipped, null, "github.comment is 'never'"));
        }

        var body = BodyLimit.Fit(host.Shape(markdown, gateName), host.MaxBodyLength, host.Name, fullReport);
        var state = gateFailed ? ReviewState.Open : ReviewState.Resolved;
        return retry.Run(ct => Sync(host, gateName, body, state, gateFailed, mode, ct), cancellation);
    }

    /// <summary>
    /// <see cref="PublishAsync"/>, with every fault turned into a message (the host's hint added) that
    /// never holds <paramref name="token"/>: the verdict stands whatever the host says.
    /// </summary>
    public static async Task<PublishResult> TryPublishAsync(
        IReviewHost host, string token, string gateName, string markdown, bool gateFailed, PublishSettings settings, string? fullReport = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var outcome = await PublishAsync(host, gateName, markdown, gateFailed, settings.Mode, settings.Retry, fullReport, cancellation).ConfigureAwait(false);
            return new PublishResult(false, outcome, $"{host.Kind} {host.Where}: {outcome.Reason}") { Where = host.Where };
        }
        catch (ReviewFault fault)
        {
            var message = $"cannot post the {host.Kind} to {host.Where}: {fault.Message}{host.Hints.For(fault.Kind)}";
            return new PublishResult(true, null, Secret.Redact(message, token)) { Where = host.Where, Fault = fault.Kind };
        }
    }

    private static async Task<CommentOutcome> Sync(IReviewHost host, string gateName, string body, ReviewState state, bool gateFailed, CommentMode mode, CancellationToken cancellation)
    {
        var existing = await host.FindOwnAsync(gateName, cancellation).ConfigureAwait(false);
        if (existing is null)
        {
            if (mode == CommentMode.OnRegression && !gateFailed)
            {
                return new CommentOutcome(CommentAction.Skipped, null, "github.comment is 'on-regression' and the gate passed");
            }

            var created = await host.CreateAsync(gateName, body, state, cancellation).ConfigureAwait(false);
            return new CommentOutcome(CommentAction.Created, created.Id, "created");
        }

        if (mode == CommentMode.OnChange && Same(existing.Body, body))
        {
            return new CommentOutcome(CommentAction.Unchanged, existing.Id, "github.comment is 'on-change' and the results did not change");
        }

        await host.UpdateAsync(existing, body, state, cancellation).ConfigureAwait(false);

        // on-regression rewrites rather than deletes a failure report once the gate passes: reviewers
        // who saw the failure see that it is fixed, and replies quoting it keep their context.
        var reason = mode == CommentMode.OnRegression && !gateFailed ? "rewritten: the failure it reported is fixed" : "updated";
        return new CommentOutcome(CommentAction.Updated, existing.Id, reason);
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.ReplaceLineEndings("\n").TrimEnd(), b.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
}
