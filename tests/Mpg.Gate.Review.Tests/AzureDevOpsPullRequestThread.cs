using Mpg.Gate.Cli;
using Mpg.Gate.Review.AzureDevOps;

namespace Mpg.Gate.Review.Tests;

/// <summary><c>mpg gate --comment</c> in Azure Pipelines pull request validation: the real CLI, the threads API double.</summary>
public sealed class AzureDevOpsPullRequestThread : IAsyncLifetime, IDisposable
{
    private const int PullRequest = 41;
    private readonly GateRun run = new();
    private FakeAzureDevOps server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeAzureDevOps.StartNewAsync();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["TF_BUILD"] = "True",
            ["SYSTEM_COLLECTIONURI"] = server.Collection.AbsoluteUri,
            ["SYSTEM_TEAMPROJECT"] = FakeAzureDevOps.Project,
            ["BUILD_REPOSITORY_ID"] = FakeAzureDevOps.Repository,
            ["BUILD_REPOSITORY_PROVIDER"] = "TfsGit",
            ["BUILD_BUILDID"] = "7001",
            ["BUILD_SOURCESDIRECTORY"] = run.Folder,
            ["AGENT_TEMPDIRECTORY"] = run.PathOf("agent-temp"),
            ["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "41",
            ["SYSTEM_PULLREQUEST_ISFORK"] = "False",
            ["SYSTEM_ACCESSTOKEN"] = FakeAzureDevOps.Token,
        })
        {
            run.Environment[name] = value;
        }
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => run.Dispose();

    private CliResult Gate(string candidate, params string[] extra) => run.Gate(candidate, extra: ["--comment", .. extra]);

    [Fact]
    public void FailingGate_OpensAnActiveThread_PassingGate_UpdatesAndClosesIt()
    {
        var first = Gate(GateRun.Failing);
        var afterFailure = Assert.Single(server.Threads);
        var second = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.GateFailed, first.Code);
        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Equal("active", afterFailure.Status);
        var thread = Assert.Single(server.Threads);
        Assert.Equal("closed", thread.Status);
        Assert.Equal("suite", thread.Properties[AzureThreads.GateProperty]);
        var content = Assert.Single(thread.Comments).Content;
        Assert.StartsWith("[//]: <> (mpg-gate:suite)", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", content, StringComparison.Ordinal);
        Assert.Contains("[//]: <> (mpg-verdict:inconclusive)", content, StringComparison.Ordinal);

        var writes = server.Writes.ToList();
        Assert.Equal(["POST", "PATCH", "PATCH"], writes.Select(w => w.Method));
        // Kestrel hands the path decoded; the client sent "Evals%20Team".
        var threads = $"/contoso/Evals Team/_apis/git/repositories/{FakeAzureDevOps.Repository}/pullRequests/41/threads";
        Assert.Equal(threads, writes[0].Path);
        Assert.Equal($"{threads}/{thread.Id}/comments/1", writes[1].Path);
        Assert.Equal($"{threads}/{thread.Id}", writes[2].Path);
        Assert.All(server.Requests, r => Assert.Equal("?api-version=7.1", r.Query));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + FakeAzureDevOps.Token, r.Headers["Authorization"]));
        run.AssertNoToken(second, FakeAzureDevOps.Token);
    }

    [Fact]
    public void ApiVersion_IsTheOnesGiven()
    {
        Gate(GateRun.Failing, "--api-version", "7.2-preview.1");

        Assert.All(server.Requests, r => Assert.Equal("?api-version=7.2-preview.1", r.Query));
    }

    [Fact]
    public void ThreadFoundByItsMarkerLine_WithoutTheProperty_IsUpdated()
    {
        server.Seed(PullRequest, "Please add a test.");
        var ours = server.Seed(PullRequest, "[//]: <> (mpg-gate:suite)\nold report");

        Gate(GateRun.Failing);

        Assert.Equal(2, server.Threads.Count);
        Assert.Contains("regress", server.Threads.Single(t => t.Id == ours).Comments[0].Content, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.Writes, w => w.Method == "POST");
    }

    [Fact]
    public void MissingContributePermission_TF401027_WarnsOnce_AndKeepsTheExitCode()
    {
        server.FailNext(1, 403, FakeAzureDevOps.Error(
            "GitNeedsPermissionException",
            "TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity 'Build\\9f1c1c3e', scope 'repository'."));

        var result = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.Ok, result.Code);
        var warning = Assert.Single(result.Err.Split('\n'), l => l.Contains("MPG4001", StringComparison.Ordinal));
        Assert.Contains("TF401027", warning, StringComparison.Ordinal);
        Assert.Contains("'Contribute to pull requests'", warning, StringComparison.Ordinal);
        Assert.Single(result.Out.Split('\n'), l => l.StartsWith("##vso[task.logissue type=warning;code=MPG4001]", StringComparison.Ordinal));
        Assert.Empty(server.Threads);
        run.AssertNoToken(result, FakeAzureDevOps.Token);
    }

    [Fact]
    public void ForkPullRequest_PostsNothing_SaysWhy_AndExitsWithTheGatesCode()
    {
        run.Environment["SYSTEM_PULLREQUEST_ISFORK"] = "True";

        var result = Gate(GateRun.Failing);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Contains("mpg: no comment: a pull request from a fork", result.Err, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TokenNotMapped_PostsNothing_SaysHowToMapIt_AndExitsWithTheGatesCode()
    {
        run.Environment.Remove("SYSTEM_ACCESSTOKEN");

        var result = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("SYSTEM_ACCESSTOKEN: $(System.AccessToken)", result.Err, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void LoggingCommands_IssueAtEachFailedRule_SummaryUploaded_VerdictVariableSet()
    {
        var result = Gate(GateRun.Failing);

        var lines = result.Out.Split('\n').Where(l => l.StartsWith("##vso[", StringComparison.Ordinal)).ToList();
        var issues = lines.Where(l => l.StartsWith("##vso[task.logissue type=error;sourcepath=mpg.yml;linenumber=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(issues);
        var policy = File.ReadAllLines(run.PathOf("mpg.yml"));
        foreach (var issue in issues)
        {
            var line = int.Parse(issue.Split("linenumber=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("node:", policy[line - 1], StringComparison.Ordinal);
        }

        var summary = Assert.Single(lines, l => l.StartsWith("##vso[task.uploadsummary]", StringComparison.Ordinal))["##vso[task.uploadsummary]".Length..];
        Assert.Equal(File.ReadAllText(run.PathOf("report.md")), File.ReadAllText(summary));
        Assert.Contains("##vso[task.setvariable variable=mpg.verdict;isOutput=true]fail", lines);
    }
}
