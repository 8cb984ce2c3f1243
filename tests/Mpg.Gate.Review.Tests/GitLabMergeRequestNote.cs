using System.Text.Json.Nodes;
using Mpg.Gate.Cli;

namespace Mpg.Gate.Review.Tests;

/// <summary><c>mpg gate --comment</c> in a GitLab merge request pipeline: the real CLI, the Notes API double.</summary>
public sealed class GitLabMergeRequestNote : IAsyncLifetime, IDisposable
{
    private const string Project = "123";
    private const int MergeRequest = 17;
    private readonly GateRun run = new();
    private FakeGitLab server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeGitLab.StartNewAsync();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true",
            ["CI_API_V4_URL"] = server.ApiUrl.AbsoluteUri,
            ["CI_PROJECT_ID"] = "999", // the fork's project in a fork's merge request: never where the note goes
            ["CI_MERGE_REQUEST_PROJECT_ID"] = Project,
            ["CI_MERGE_REQUEST_SOURCE_PROJECT_ID"] = Project,
            ["CI_MERGE_REQUEST_IID"] = "17",
            ["CI_JOB_TOKEN"] = "glcbt-64_jobTOKENfake",
            ["GITLAB_TOKEN"] = FakeGitLab.Token,
            ["CI_JOB_URL"] = "https://gitlab.example/group/app/-/jobs/8001",
        })
        {
            run.Environment[name] = value;
        }
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => run.Dispose();

    private CliResult Gate(string candidate, params string[] extra) => run.Gate(candidate, extra: ["--comment", .. extra]);

    [Fact]
    public void FirstGate_CreatesOneNote_SecondGate_UpdatesItInPlace()
    {
        var first = Gate(GateRun.Failing);
        var second = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.GateFailed, first.Code);
        Assert.Equal(ExitCodes.Ok, second.Code);
        var writes = server.Writes.ToList();
        Assert.Equal(["POST", "PUT"], writes.Select(w => w.Method));
        Assert.Equal($"/api/v4/projects/{Project}/merge_requests/17/notes", writes[0].Path);
        var note = Assert.Single(server.Notes);
        Assert.Equal($"/api/v4/projects/{Project}/merge_requests/17/notes/{note.Id}", writes[1].Path);
        Assert.Equal(File.ReadAllText(run.PathOf("report.md")), note.Body);
        Assert.StartsWith("<!-- mpg-gate:suite -->", note.Body, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal(FakeGitLab.Token, r.Headers["PRIVATE-TOKEN"]));
        Assert.Contains("merge request note 123!17: updated", second.Err, StringComparison.Ordinal);
        run.AssertNoToken(second, FakeGitLab.Token);
    }

    [Fact]
    public void OurNoteOnTheSecondPage_IsFoundAndUpdated_NotOthersQuotingIt()
    {
        server.MaxPerPage = 2;
        server.Seed(Project, MergeRequest, "LGTM");
        server.Seed(Project, MergeRequest, "<!-- mpg-gate:suite -->\nquoted by a reviewer", author: 7);
        server.Seed(Project, MergeRequest, "<!-- mpg-gate:suite -->\nadded 1 commit", author: FakeGitLab.BotId, system: true);
        var ours = server.Seed(Project, MergeRequest, "<!-- mpg-gate:suite -->\nold report", author: FakeGitLab.BotId);

        var result = Gate(GateRun.Failing);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        var pages = server.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/notes", StringComparison.Ordinal)).Select(r => r.Query).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("page=2", pages[1], StringComparison.Ordinal);
        var write = Assert.Single(server.Writes);
        Assert.Equal("PUT", write.Method);
        Assert.EndsWith($"/notes/{ours}", write.Path, StringComparison.Ordinal);
        Assert.Equal(4, server.Notes.Count);
        Assert.Contains("quoted by a reviewer", server.Notes[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Forbidden_KeepsTheVerdictsExitCode_WithOneWarning()
    {
        server.FailNext(1, 403, new JsonObject { ["message"] = "403 Forbidden" });

        var result = Gate(GateRun.Failing);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        var warning = Assert.Single(result.Err.Split('\n'), l => l.Contains("MPG4001", StringComparison.Ordinal));
        Assert.Contains("warning MPG4001", warning, StringComparison.Ordinal);
        Assert.Contains("Reporter", warning, StringComparison.Ordinal);
        Assert.Empty(server.Notes);
        run.AssertNoToken(result, FakeGitLab.Token);
    }

    [Fact]
    public void ServerErrors_AreRetried_ThenWarn_AndThePassingGateStillExitsZero()
    {
        server.FailNext(100, 502, new JsonObject { ["message"] = "502 Bad Gateway" });

        var result = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("warning MPG4001", result.Err, StringComparison.Ordinal);
        Assert.Equal(RetryPolicy.Default.MaxAttempts - 1, run.Waits.Count);
        Assert.Equal(RetryPolicy.Default.MaxAttempts, server.Requests.Count);
    }

    [Fact]
    public void OnlyTheJobToken_PostsNothing_SaysWhy_AndExitsWithTheGatesCode()
    {
        run.Environment.Remove("GITLAB_TOKEN");

        var result = Gate(GateRun.Failing);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Contains("CI_JOB_TOKEN cannot write merge request notes", result.Err, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        run.AssertNoToken(result, "glcbt-64_jobTOKENfake");
    }

    [Fact]
    public void ForkWithoutToken_PostsNothing_SaysWhy_AndExitsWithTheGatesCode()
    {
        run.Environment.Remove("GITLAB_TOKEN");
        run.Environment["CI_MERGE_REQUEST_SOURCE_PROJECT_ID"] = "999";

        var failing = Gate(GateRun.Failing);
        var passing = Gate(GateRun.Passing);

        Assert.Equal(ExitCodes.GateFailed, failing.Code);
        Assert.Equal(ExitCodes.Ok, passing.Code);
        Assert.Contains("mpg: no comment: a merge request from a fork (project 999)", failing.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("MPG4001", failing.Err, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void BranchPipeline_WithoutMergeRequest_PostsNothing()
    {
        run.Environment.Remove("CI_MERGE_REQUEST_IID");

        var result = Gate(GateRun.Failing);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Contains("no merge request: CI_MERGE_REQUEST_IID is not set", result.Err, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
