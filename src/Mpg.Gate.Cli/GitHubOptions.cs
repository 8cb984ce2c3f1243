using System.CommandLine;
using Mpg.Gate.Review;
using Mpg.Gate.Review.Ci;

namespace Mpg.Gate.Cli;

/// <summary>Where the review report goes, where the CI environment does not say (or to override it).</summary>
public sealed class GitHubOptions
{
    public Option<string?> Repository { get; } = new("--repo") { Description = "GitHub OWNER/NAME (default: GITHUB_REPOSITORY), or the GitLab project id (default: CI_MERGE_REQUEST_PROJECT_ID), or the Azure Repos repository id (default: BUILD_REPOSITORY_ID)." };

    public Option<int?> PullRequest { get; } = new("--pr") { Description = "The pull or merge request number (default: from the CI: the event payload, CI_MERGE_REQUEST_IID, SYSTEM_PULLREQUEST_PULLREQUESTID)." };

    public Option<string?> ApiUrl { get; } = new("--api-url") { Description = "The host's API address (default: GITHUB_API_URL, CI_API_V4_URL, SYSTEM_COLLECTIONURI; else https://api.github.com)." };

    public Option<string?> TokenVariable { get; } = new("--token-env") { Description = "The environment variable holding the token (default GITHUB_TOKEN, GITLAB_TOKEN, SYSTEM_ACCESSTOKEN). The token itself is never an option." };

    public Option<string?> ApiVersion { get; } = new("--api-version") { Description = "The Azure DevOps REST api-version for pull request threads (default 7.1)." };

    public Option<string?> Ci { get; } = new("--ci") { Description = "Where the gate runs: github, gitlab, azure or none (default: detected from GITHUB_ACTIONS, GITLAB_CI, TF_BUILD)." };

    /// <summary>Adds every review option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Repository, PullRequest, ApiUrl, TokenVariable, ApiVersion, Ci })
        {
            command.Options.Add(option);
        }
    }

    public ReviewOptions Review(ParseResult parse) =>
        new(parse.GetValue(Repository), parse.GetValue(PullRequest), parse.GetValue(ApiUrl), parse.GetValue(TokenVariable), parse.GetValue(ApiVersion));

    /// <summary>The CI <c>--ci</c> names, or the one the environment shows.</summary>
    public static ICiEnvironment Environment(string? ci, MpgHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (ci is null)
        {
            return CiEnvironments.Detect(host.Environment);
        }

        return Spelling.TryParse<CiPlatform>(ci, out var platform)
            ? CiEnvironments.Detect(host.Environment, platform)
            : throw new UsageException($"--ci '{ci}' is not one of {string.Join(", ", Spelling.All<CiPlatform>())}");
    }
}
