using System.CommandLine;

namespace Mpg.Gate.Cli;

/// <summary>Where the PR comment goes, where the Actions environment does not say (or to override it).</summary>
public sealed class GitHubOptions
{
    public Option<string?> Repository { get; } = new("--repo") { Description = "OWNER/NAME of the repository (default: GITHUB_REPOSITORY)." };

    public Option<int?> PullRequest { get; } = new("--pr") { Description = "The pull request number (default: from the event payload at GITHUB_EVENT_PATH)." };

    public Option<string?> ApiUrl { get; } = new("--api-url") { Description = "The GitHub API address (default: GITHUB_API_URL, else https://api.github.com)." };

    public Option<string?> TokenVariable { get; } = new("--token-env") { Description = "The environment variable holding the token (default GITHUB_TOKEN). The token itself is never an option." };

    public IEnumerable<Option> All => [Repository, PullRequest, ApiUrl, TokenVariable];
}
