using Mpg.Gate.Reports;
using Mpg.Gate.Review;

namespace Mpg.Gate.GitHub;

/// <summary>GitHub as a review host of the sticky report: the pull request's issue comments, ours found by the marker across all pages.</summary>
public sealed class IssueCommentsHost(IIssueComments comments, GitHubTarget target) : IReviewHost
{
    public string Name => "GitHub";

    public string Kind => "PR comment";

    public int MaxBodyLength => BodyLimit.GitHubMaxLength;

    public string Where => target.ToString();

    public string Shape(string body, string gateName) => body;

    public async Task<PostedReport?> FindOwnAsync(string gateName, CancellationToken cancellation)
    {
        var marker = VerdictMarkdown.Marker(gateName);
        var all = await comments.ListAsync(cancellation).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal)) is { } found ? new PostedReport(found.Id, found.Body) : null;
    }

    public async Task<PostedReport> CreateAsync(string gateName, string body, ReviewState state, CancellationToken cancellation)
    {
        var created = await comments.CreateAsync(body, cancellation).ConfigureAwait(false);
        return new PostedReport(created.Id, created.Body);
    }

    public Task UpdateAsync(PostedReport report, string body, ReviewState state, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(report);
        return comments.UpdateAsync(report.Id, body, cancellation);
    }

    public FaultHints Hints => new(
        Forbidden: " — likely a pull request from a fork, whose GITHUB_TOKEN is read-only; otherwise give the job 'permissions: pull-requests: write'",
        Unauthorized: " — the token is invalid or expired",
        NotFound: $" — check that {target.Owner}/{target.Repository} and PR #{target.PullRequest} exist and the token can see them",
        Invalid: " — GitHub refused the comment body");
}
