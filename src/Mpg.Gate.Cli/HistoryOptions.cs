using System.CommandLine;
using System.Text.Json;
using Mpg.Gate.History;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Cli;

/// <summary>The history options every history-aware command shares; their names are a contract.</summary>
public sealed class HistoryOptions
{
    public Option<string?> Store { get; } = new("--history") { Description = "The history store: sqlite:PATH, a PostgreSQL connection string or postgres:// URL (overrides the policy's 'history'). Passwords from MPG_HISTORY_PASSWORD or PGPASSWORD." };

    public Option<string?> Branch { get; } = new("--branch") { Description = "The branch the record belongs to (in GitHub Actions: the PR's head branch, or the pushed branch)." };

    public Option<string?> Commit { get; } = new("--commit") { Description = "The commit SHA the record belongs to (in GitHub Actions: the PR's head commit, or GITHUB_SHA)." };
}

/// <summary>Where a record comes from: branch, commit and PR number, from the options or else the GitHub Actions environment.</summary>
internal sealed record RecordOrigin(string Branch, string Commit, int? PullRequest)
{
    public static RecordOrigin Resolve(string? branch, string? commit, int? pullRequest, Func<string, string?> environment)
    {
        var actions = ActionsEvent.Read(environment);
        var resolvedBranch = branch ?? actions?.HeadBranch
            ?? throw new UsageException("a record needs --branch (in GitHub Actions it defaults to the PR's head branch or the pushed branch)");
        var resolvedCommit = commit ?? actions?.HeadCommit
            ?? throw new UsageException("a record needs --commit SHA (in GitHub Actions it defaults to the PR's head commit or GITHUB_SHA)");
        if (pullRequest is <= 0)
        {
            throw new UsageException($"--pr must be a positive pull request number, got {pullRequest}");
        }

        return new RecordOrigin(resolvedBranch, resolvedCommit, pullRequest ?? actions?.PullRequest);
    }
}

/// <summary>What GitHub Actions says about the run: the pushed or PR head branch and commit, the PR number and its base.</summary>
internal sealed record ActionsEvent(string? HeadBranch, string? HeadCommit, int? PullRequest, PullRequestBase? Base)
{
    public static ActionsEvent? Read(Func<string, string?> environment)
    {
        if (environment("GITHUB_ACTIONS") != "true")
        {
            return null;
        }

        string? headSha = null, baseSha = null;
        int? number = null;
        if (environment("GITHUB_EVENT_PATH") is { Length: > 0 } path && File.Exists(path))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
                {
                    number = pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : null;
                    headSha = Sha(pr, "head");
                    baseSha = Sha(pr, "base");
                }
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // An unreadable payload leaves the PR unknown; the options still work.
            }
        }

        var headRef = Blank(environment("GITHUB_HEAD_REF"));
        var baseRef = Blank(environment("GITHUB_BASE_REF"));
        return new ActionsEvent(
            headRef ?? Blank(environment("GITHUB_REF_NAME")),
            headSha ?? Blank(environment("GITHUB_SHA")),
            number,
            baseRef is null ? null : new PullRequestBase(baseRef, baseSha));
    }

    private static string? Sha(JsonElement pr, string side) =>
        pr.TryGetProperty(side, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("sha", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Opens the store <c>--history</c> or the policy names, else the default SQLite file beside the policy.</summary>
internal static class HistorySource
{
    public static IHistoryStore Open(string? option, GatePolicy policy, CommandContext context)
    {
        var (value, baseDirectory) = option is not null
            ? (option, context.WorkingDirectory)
            : (policy.History ?? HistoryLocation.Default, policy.Directory);
        try
        {
            return HistoryLocation.Open(value, baseDirectory, context.Host.Environment);
        }
        catch (ArgumentException e) when (option is not null)
        {
            throw new UsageException($"--history: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new PolicyException(policy.HistorySpan ?? SourceSpan.None(policy.File), $"'history': {e.Message}");
        }
    }
}
