namespace Mpg.Gate.GitHub;

/// <summary>A comment on the pull request, as far as the sticky comment cares: its id and body.</summary>
public sealed record PostedComment(long Id, string Body);

/// <summary>
/// The comments of one pull request. Ours, so that the sticky-comment logic does not depend on
/// Octokit; <see cref="OctokitIssueComments"/> is the real one. Failures are <see cref="Review.ReviewFault"/>s.
/// </summary>
public interface IIssueComments
{
    /// <summary>Every comment, across all pages.</summary>
    Task<IReadOnlyList<PostedComment>> ListAsync(CancellationToken cancellation);

    Task<PostedComment> CreateAsync(string body, CancellationToken cancellation);

    Task UpdateAsync(long id, string body, CancellationToken cancellation);

    Task DeleteAsync(long id, CancellationToken cancellation);
}
