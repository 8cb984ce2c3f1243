using Mpg.Gate.Cli;

namespace Mpg.Gate.Review.Tests;

/// <summary>GitHub Actions without a way to write: a fork's pull_request run, or no token; the gate's own exit code, and one line why.</summary>
public sealed class GitHubForkAndNoToken : IDisposable
{
    private readonly GateRun run = new();

    public GitHubForkAndNoToken()
    {
        var payload = run.PathOf("event.json");
        File.WriteAllText(payload, """{ "pull_request": { "number": 3, "head": { "sha": "abc", "repo": { "full_name": "someone/evals" } }, "base": { "repo": { "full_name": "octo/evals" } } } }""");
        run.Environment["GITHUB_ACTIONS"] = "true";
        run.Environment["GITHUB_REPOSITORY"] = "octo/evals";
        run.Environment["GITHUB_EVENT_NAME"] = "pull_request";
        run.Environment["GITHUB_EVENT_PATH"] = payload;
        run.Environment["GITHUB_API_URL"] = "http://127.0.0.1:9/"; // nothing listens: a request would fail loudly
        run.Environment["GITHUB_TOKEN"] = "ghs_readonlyFAKE";
    }

    public void Dispose() => run.Dispose();

    [Fact]
    public void ForkPullRequest_PostsNothing_SaysWhy_ExitsWithTheGatesCode()
    {
        var result = run.Gate(GateRun.Failing, extra: "--comment");

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Contains("mpg: no comment: a pull request from the fork someone/evals, whose GITHUB_TOKEN is read-only", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("MPG4001", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void NoToken_PostsNothing_SaysWhy_ExitsWithTheGatesCode()
    {
        run.Environment["GITHUB_EVENT_PATH"] = run.PathOf("same-repo.json");
        File.WriteAllText(run.PathOf("same-repo.json"), """{ "pull_request": { "number": 3, "head": { "repo": { "full_name": "octo/evals" } }, "base": { "repo": { "full_name": "octo/evals" } } } }""");
        run.Environment.Remove("GITHUB_TOKEN");

        var result = run.Gate(GateRun.Passing, extra: "--comment");

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("warning MPG4001: cannot post the PR comment: no token: the environment variable GITHUB_TOKEN is empty", result.Err, StringComparison.Ordinal);
    }
}
