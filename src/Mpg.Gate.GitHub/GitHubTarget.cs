namespace Mpg.Gate.GitHub;

/// <summary>Which pull request to comment on, and through which API (github.com or a GitHub Enterprise Server).</summary>
public sealed record GitHubTarget(Uri ApiUrl, string Owner, string Repository, int PullRequest)
{
    public static readonly Uri PublicApi = new("https://api.github.com/");

    public override string ToString() => $"{Owner}/{Repository}#{PullRequest}";
}
