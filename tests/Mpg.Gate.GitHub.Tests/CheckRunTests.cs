using Mpg.Gate.Cli;
using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;

namespace Mpg.Gate.GitHub.Tests;

/// <summary><c>mpg gate --check</c>: a check run on the pull request's head commit, through the real Octokit client and the GitHub double.</summary>
public sealed class CheckRunTests : IAsyncLifetime
{
    private const string HeadSha = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    private readonly string folder = Directory.CreateTempSubdirectory("mpg-check-").FullName;
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    private string PathOf(string name) => Path.Combine(folder, name);

    private Dictionary<string, string> Environment(string headRepository = "octo/evals")
    {
        var payload = PathOf("event.json");
        File.WriteAllText(payload, $$"""
            { "action": "synchronize", "number": 7,
              "pull_request": { "number": 7, "head": { "sha": "{{HeadSha}}", "repo": { "full_name": "{{headRepository}}" } }, "base": { "sha": "abc", "repo": { "full_name": "octo/evals" } } } }
            """);
        return new(StringComparer.Ordinal)
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "octo/evals",
            ["GITHUB_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
            ["GITHUB_WORKSPACE"] = folder,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = payload,
            ["GITHUB_SHA"] = "ffffffffffffffffffffffffffffffffffffffff",
        };
    }

    private (int Code, string Out, string Err) Run(Dictionary<string, string> env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = MpgApp.Run(args, stdout, stderr, folder, new MpgHost(name => env.GetValueOrDefault(name), (_, _) => Task.CompletedTask));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private (int Code, string Out, string Err) Gate(string candidate, Dictionary<string, string> env, string? policyExtra = null, params string[] extra)
    {
        File.WriteAllText(PathOf("mpg.yml"), File.ReadAllText(Data("cli", "suite.yml")) + (policyExtra ?? string.Empty));
        Assert.Equal(0, Run([], "score", "-p", "mpg.yml", "-i", SameSuite("meta-llama__Llama-3.2-3B"), "-o", "baseline.json").Code);
        return Run(env, ["gate", "-p", "mpg.yml", "-i", SameSuite(candidate), "--baseline", "baseline.json", .. extra]);
    }

    private static string SameSuite(string model) =>
        Directory.GetFiles(Data("lm-eval", "v0.4-same-suite", model), "results_*.json").Order(StringComparer.Ordinal).First();

    [Fact]
    public void FailingGate_CreatesACheckRunOnTheHeadCommit_RerunOnTheSameCommit_UpdatesIt()
    {
        var first = Gate("meta-llama__Llama-3.2-1B", Environment(), extra: "--check");
        var failed = Assert.Single(server.CheckRuns);
        var second = Gate("meta-llama__Llama-3.2-3B", Environment(), "github: { check: true }\n");

        Assert.Equal(ExitCodes.GateFailed, first.Code);
        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Equal(HeadSha, failed.HeadSha);
        Assert.Equal("mpg: suite", failed.Name);
        Assert.Equal("failure", failed.Conclusion);
        Assert.NotEmpty(failed.Annotations);
        var policy = File.ReadAllLines(PathOf("mpg.yml"));
        Assert.All(failed.Annotations, a =>
        {
            Assert.Equal("mpg.yml", a["path"]!.GetValue<string>());
            Assert.Equal("failure", a["annotation_level"]!.GetValue<string>());
            Assert.Contains("node:", policy[a["start_line"]!.GetValue<int>() - 1], StringComparison.Ordinal);
        });

        var run = Assert.Single(server.CheckRuns);
        Assert.Equal(failed.Id, run.Id);
        Assert.Equal("neutral", run.Conclusion); // the rerun is inconclusive, not a pass
        Assert.StartsWith("<!-- mpg-gate:suite -->", run.Summary, StringComparison.Ordinal);
        Assert.Equal(["POST", "PATCH"], server.Writes.Select(w => w.Method));
        Assert.DoesNotContain(FakeGitHub.Token, first.Out + first.Err + second.Out + second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverFiftyFindings_GoFiftyPerRequest()
    {
        var findings = Enumerable.Range(1, 120).Select(i => new CheckFinding("mpg.yml", i, true, $"MPG1001 node{i}", $"node{i} regressed")).ToList();
        var target = new GitHubTarget(server.ApiUrl, "octo", "evals", 0);
        var settings = new PublishSettings(CommentMode.Always, RetryPolicy.Default with { Delay = (_, _) => Task.CompletedTask }, TimeSpan.FromSeconds(10));

        var result = await CheckRun.PublishAsync(target, FakeGitHub.Token, HeadSha, "suite", VerdictResult.Fail, "<!-- mpg-gate:suite -->\nreport\n", findings, settings);

        Assert.False(result.Failed, result.Message);
        Assert.Equal(["POST", "PATCH", "PATCH"], server.Writes.Select(w => w.Method));
        var run = Assert.Single(server.CheckRuns);
        Assert.Equal(Enumerable.Range(1, 120), run.Annotations.Select(a => a["start_line"]!.GetValue<int>()));
    }

    [Fact]
    public void ForkPullRequest_SkipsTheCheckRunWithOneLine_AndKeepsTheExitCode()
    {
        var result = Gate("meta-llama__Llama-3.2-1B", Environment(headRepository: "someone/evals"), extra: "--check");

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Single(result.Err.Split('\n'), l => l.StartsWith("mpg: no check run: a pull request from the fork someone/evals", StringComparison.Ordinal));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void ReadOnlyToken_403_WarnsAndKeepsTheExitCode()
    {
        server.FailNext(1, 403, "Resource not accessible by integration");

        var result = Gate("meta-llama__Llama-3.2-3B", Environment(), extra: "--check");

        Assert.Equal(ExitCodes.Ok, result.Code);
        var warning = Assert.Single(result.Err.Split('\n'), l => l.Contains("MPG4001", StringComparison.Ordinal));
        Assert.Contains("checks: write", warning, StringComparison.Ordinal);
        Assert.Empty(server.CheckRuns);
    }
}
