using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mpg.Gate.Review.Ci;

/// <summary>Where a gate runs (<c>--ci</c>).</summary>
[JsonConverter(typeof(SpelledEnumConverter<CiPlatform>))]
public enum CiPlatform
{
    /// <summary>Not in a CI we know, or told so: no logging commands, no review.</summary>
    None,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    [JsonStringEnumMemberName("github")]
    GitHub,

    /// <summary>GitLab CI (<c>GITLAB_CI=true</c>).</summary>
    [JsonStringEnumMemberName("gitlab")]
    GitLab,

    /// <summary>Azure Pipelines (<c>TF_BUILD=True</c>).</summary>
    Azure,
}

/// <summary>Where the review of the change lives: a code host, independent of the CI (Azure Pipelines builds GitHub repositories too).</summary>
[JsonConverter(typeof(SpelledEnumConverter<ReviewHostKind>))]
public enum ReviewHostKind
{
    [JsonStringEnumMemberName("github")]
    GitHub,

    [JsonStringEnumMemberName("gitlab")]
    GitLab,

    [JsonStringEnumMemberName("azure-devops")]
    AzureDevOps,
}

/// <summary>
/// What the CI says about this run: which one it is, the run's page, the commit, where its review lives and
/// with what defaults, and whether its token can write there at all.
/// </summary>
public interface ICiEnvironment
{
    CiPlatform Platform { get; }

    /// <summary>The run's web page, where the full report is (null where unknown).</summary>
    string? RunUrl { get; }

    string? Commit { get; }

    /// <summary>The code host holding the pull or merge request; null where there is none to review (a local run).</summary>
    ReviewHostKind? ReviewHost { get; }

    /// <summary>What the CI knows of the review target, under the command line's options (Azure Pipelines building a GitHub repository: its name and PR number).</summary>
    ReviewOptions ReviewDefaults { get; }

    /// <summary>Why this run cannot write a review at all (a fork's pull request with a read-only token); null where it may try.</summary>
    string? ReadOnlyBecause { get; }
}

/// <summary>Finds the CI from its own variables (<c>GITHUB_ACTIONS</c>, <c>GITLAB_CI</c>, <c>TF_BUILD</c>), or takes the one <c>--ci</c> names.</summary>
public static class CiEnvironments
{
    public static ICiEnvironment Detect(Func<string, string?> environment, CiPlatform? forced = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var platform = forced ?? (
            Is(environment, "GITHUB_ACTIONS") ? CiPlatform.GitHub
            : Is(environment, "GITLAB_CI") ? CiPlatform.GitLab
            : Is(environment, "TF_BUILD") ? CiPlatform.Azure
            : CiPlatform.None);
        return platform switch
        {
            CiPlatform.GitHub => GitHubActions(environment),
            CiPlatform.GitLab => GitLabCi(environment),
            CiPlatform.Azure => AzurePipelines(environment),
            // A local run posts where the options say (--repo, --pr), on GitHub as before the other hosts came.
            _ => new Run(CiPlatform.None, null, null, ReviewHostKind.GitHub, ReviewOptions.None, null),
        };
    }

    private static bool Is(Func<string, string?> environment, string name) => string.Equals(environment(name), "true", StringComparison.OrdinalIgnoreCase);

    private static Run GitHubActions(Func<string, string?> environment)
    {
        var server = Env.Value(environment, "GITHUB_SERVER_URL") ?? "https://github.com";
        var repository = Env.Value(environment, "GITHUB_REPOSITORY");
        var run = Env.Value(environment, "GITHUB_RUN_ID");
        var url = repository is null || run is null ? null : $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}";

        // A pull_request run from a fork gets a read-only GITHUB_TOKEN; pull_request_target runs in the base and may write.
        var pullRequest = PullRequestOf(environment);
        string? readOnly = null;
        if (Env.Value(environment, "GITHUB_EVENT_NAME") == "pull_request" && pullRequest.Fork is { } fork)
        {
            readOnly = $"a pull request from the fork {fork}, whose GITHUB_TOKEN is read-only (post it from a workflow_run workflow with 'mpg comment')";
        }

        // A pull request's GITHUB_SHA is the merge commit GitHub made; its checks belong on the head commit.
        return new Run(CiPlatform.GitHub, url, pullRequest.HeadSha ?? Env.Value(environment, "GITHUB_SHA"), ReviewHostKind.GitHub, ReviewOptions.None, readOnly);
    }

    private static Run GitLabCi(Func<string, string?> environment) => new(
        CiPlatform.GitLab,
        Env.Value(environment, "CI_JOB_URL") ?? Env.Value(environment, "CI_PIPELINE_URL"),
        Env.Value(environment, "CI_COMMIT_SHA"),
        ReviewHostKind.GitLab,
        ReviewOptions.None,
        null);

    private static Run AzurePipelines(Func<string, string?> environment)
    {
        var collection = Env.Value(environment, "SYSTEM_COLLECTIONURI");
        var project = Env.Value(environment, "SYSTEM_TEAMPROJECT");
        var build = Env.Value(environment, "BUILD_BUILDID");
        var url = collection is null || project is null || build is null ? null : $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={build}";
        var commit = Env.Value(environment, "SYSTEM_PULLREQUEST_SOURCECOMMITID") ?? Env.Value(environment, "BUILD_SOURCEVERSION");
        var fork = string.Equals(Env.Value(environment, "SYSTEM_PULLREQUEST_ISFORK"), "true", StringComparison.OrdinalIgnoreCase);

        // Azure Pipelines building a GitHub repository: the review is a GitHub pull request.
        if (string.Equals(Env.Value(environment, "BUILD_REPOSITORY_PROVIDER"), "GitHub", StringComparison.OrdinalIgnoreCase))
        {
            int? number = int.TryParse(Env.Value(environment, "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
            return new Run(
                CiPlatform.Azure,
                url,
                commit,
                ReviewHostKind.GitHub,
                new ReviewOptions(Env.Value(environment, "BUILD_REPOSITORY_NAME"), number, null, null),
                fork ? "a pull request from a fork: Azure Pipelines gives its build no secrets, so no GITHUB_TOKEN" : null);
        }

        return new Run(CiPlatform.Azure, url, commit, ReviewHostKind.AzureDevOps, ReviewOptions.None, fork ? "a pull request from a fork: its build gets no write access to the pull request" : null);
    }

    /// <summary>From the event payload: the pull request's head commit, and its head repository where that is not the base (a fork).</summary>
    private static (string? HeadSha, string? Fork) PullRequestOf(Func<string, string?> environment)
    {
        if (Env.Value(environment, "GITHUB_EVENT_PATH") is not { } path || !File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var head = Text(pr, "head", "repo", "full_name");
            var @base = Text(pr, "base", "repo", "full_name");
            var fork = head is not null && @base is not null && !string.Equals(head, @base, StringComparison.OrdinalIgnoreCase) ? head : null;
            return (Text(pr, "head", "sha"), fork);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, null); // the comment's own resolution reports an unreadable payload
        }
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private sealed record Run(CiPlatform Platform, string? RunUrl, string? Commit, ReviewHostKind? ReviewHost, ReviewOptions ReviewDefaults, string? ReadOnlyBecause) : ICiEnvironment;
}
