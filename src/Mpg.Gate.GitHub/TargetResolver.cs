using System.Text.Json;

namespace Mpg.Gate.GitHub;

/// <summary>Options that override the Actions environment.</summary>
public sealed record TargetOptions(string? Repository, int? PullRequest, string? ApiUrl, string? TokenVariable)
{
    public const string DefaultTokenVariable = "GITHUB_TOKEN";
}

/// <summary>The pull request to comment on and the token, or why there is none.</summary>
/// <param name="NotApplicable">True where there is simply no pull request (a push build): nothing to post, nothing failed.</param>
public sealed record ResolvedTarget(GitHubTarget? Target, string? Token, string? Problem, bool NotApplicable);

/// <summary>
/// Where the comment goes: repository, PR number and API URL from options, else from the Actions
/// environment (<c>GITHUB_REPOSITORY</c>, the event payload at <c>GITHUB_EVENT_PATH</c>,
/// <c>GITHUB_API_URL</c>); the token from <c>GITHUB_TOKEN</c> or the variable the options name.
/// </summary>
public static class TargetResolver
{
    private static readonly string[] PullRequestEvents = ["pull_request", "pull_request_target"];

    public static ResolvedTarget Resolve(TargetOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (target, problem) = Place(options, environment);
        if (target is null)
        {
            return Problem(problem!);
        }

        int number;
        if (options.PullRequest is { } given)
        {
            number = given;
        }
        else
        {
            var fromEvent = FromEvent(environment);
            if (fromEvent.Number is not { } found)
            {
                return new ResolvedTarget(null, null, fromEvent.Why, fromEvent.NotApplicable);
            }

            number = found;
        }

        if (number <= 0)
        {
            return Problem($"pull request number {number} is not positive");
        }

        return WithToken(target with { PullRequest = number }, options, environment);
    }

    /// <summary>The repository, API and token without a pull request (a check run is on a commit); the target's PullRequest is 0.</summary>
    public static ResolvedTarget Repository(TargetOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (target, problem) = Place(options, environment);
        return target is null ? Problem(problem!) : WithToken(target, options, environment);
    }

    private static (GitHubTarget? Target, string? Problem) Place(TargetOptions options, Func<string, string?> environment)
    {
        var repository = Blank(options.Repository) ?? Blank(environment("GITHUB_REPOSITORY"));
        if (repository is null)
        {
            return (null, "no repository: set GITHUB_REPOSITORY (Actions does) or pass --repo OWNER/NAME");
        }

        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            return (null, $"repository '{repository}' is not OWNER/NAME");
        }

        var apiText = Blank(options.ApiUrl) ?? Blank(environment("GITHUB_API_URL")) ?? GitHubTarget.PublicApi.AbsoluteUri;
        if (!Uri.TryCreate(apiText, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            return (null, $"API URL '{apiText}' is not an http(s) address");
        }

        return (new GitHubTarget(api, parts[0], parts[1], 0), null);
    }

    private static ResolvedTarget WithToken(GitHubTarget target, TargetOptions options, Func<string, string?> environment)
    {
        var variable = Blank(options.TokenVariable) ?? TargetOptions.DefaultTokenVariable;
        var token = Blank(environment(variable));
        if (token is null)
        {
            return Problem($"no token: the environment variable {variable} is empty (in a workflow: env: {{ {variable}: ${{{{ secrets.GITHUB_TOKEN }}}} }})");
        }

        return new ResolvedTarget(target, token, null, false);
    }

    private static (int? Number, string Why, bool NotApplicable) FromEvent(Func<string, string?> environment)
    {
        var name = Blank(environment("GITHUB_EVENT_NAME"));
        if (name is not null && !PullRequestEvents.Contains(name))
        {
            return (null, $"no pull request: this is a '{name}' event", true);
        }

        var path = Blank(environment("GITHUB_EVENT_PATH"));
        if (path is null)
        {
            return (null, "no pull request number: pass --pr N, or run in a pull_request workflow (GITHUB_EVENT_PATH)", false);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object
                && pr.TryGetProperty("number", out var number) && number.TryGetInt32(out var value))
            {
                return (value, string.Empty, false);
            }

            return (null, "no pull request in the event payload (GITHUB_EVENT_PATH)", name is null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"cannot read the event payload {path}: {e.Message}", false);
        }
    }

    private static ResolvedTarget Problem(string why) => new(null, null, why, false);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
