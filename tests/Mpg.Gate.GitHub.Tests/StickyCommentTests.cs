using Mpg.Gate.Policy;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>One comment per gate, found by its marker across pages, updated in place.</summary>
public sealed class StickyCommentTests : IAsyncLifetime
{
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task FirstGate_PostsOneCommentWithTheMarker_SecondGate_PatchesIt()
    {
        var publisher = new Publisher(server);

        var first = await publisher.Publish(Publisher.Body("suite", "first"));
        var second = await publisher.Publish(Publisher.Body("suite", "second"));

        Assert.False(first.Failed);
        Assert.Equal(CommentAction.Created, first.Outcome!.Action);
        Assert.Equal(CommentAction.Updated, second.Outcome!.Action);
        var writes = server.Writes.ToList();
        Assert.Equal(["POST", "PATCH"], writes.Select(w => w.Method));
        Assert.Equal("/repos/octo/evals/issues/7/comments", writes[0].Path);
        Assert.Equal($"/repos/octo/evals/issues/comments/{first.Outcome.CommentId}", writes[1].Path);
        var comment = Assert.Single(server.Comments);
        Assert.StartsWith("<!-- mpg-gate:suite -->", comment.Body, StringComparison.Ordinal);
        Assert.Contains("second", comment.Body, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.EndsWith(FakeGitHub.Token, r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkerOnPage2Of3_IsFoundAndPatched()
    {
        server.PageSize = 2;
        server.Seed(Publisher.PullRequest, "LGTM");
        server.Seed(Publisher.PullRequest, "<!-- mpg-gate:other -->\nanother gate");
        var sticky = server.Seed(Publisher.PullRequest, Publisher.Body("suite", "old"));
        server.Seed(Publisher.PullRequest, "please rerun");
        server.Seed(Publisher.PullRequest, "done");

        var result = await new Publisher(server).Publish(Publisher.Body("suite", "new"));

        Assert.Equal(CommentAction.Updated, result.Outcome!.Action);
        Assert.Equal(sticky, result.Outcome.CommentId);
        var pages = server.Requests.Where(r => r.Method == "GET").Select(r => r.Query).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains(pages, q => q.Contains("page=3", StringComparison.Ordinal));
        Assert.Equal("PATCH", Assert.Single(server.Writes).Method);
        Assert.Contains("new", server.Comments.Single(c => c.Id == sticky).Body, StringComparison.Ordinal);
        Assert.Equal(5, server.Comments.Count);
    }

    [Fact]
    public async Task OtherGatesComments_AreLeftAlone()
    {
        server.Seed(Publisher.PullRequest, Publisher.Body("suite-2", "x"));

        var result = await new Publisher(server).Publish(Publisher.Body("suite", "y"));

        Assert.Equal(CommentAction.Created, result.Outcome!.Action);
        Assert.Equal(2, server.Comments.Count);
    }

    [Fact]
    public async Task OnChange_SameBodyTwice_SendsNothingTheSecondTime()
    {
        var publisher = new Publisher(server);

        await publisher.Publish(Publisher.Body("suite", "same"), mode: CommentMode.OnChange);
        var second = await publisher.Publish(Publisher.Body("suite", "same"), mode: CommentMode.OnChange);
        var third = await publisher.Publish(Publisher.Body("suite", "changed"), mode: CommentMode.OnChange);

        Assert.Equal(CommentAction.Unchanged, second.Outcome!.Action);
        Assert.Equal(CommentAction.Updated, third.Outcome!.Action);
        Assert.Equal(["POST", "PATCH"], server.Writes.Select(w => w.Method));
    }

    [Fact]
    public async Task OnRegression_PassWithoutComment_PostsNothing_FailThenPass_RewritesTheComment()
    {
        var publisher = new Publisher(server);

        var pass = await publisher.Publish(Publisher.Body("suite", "pass"), failed: false, mode: CommentMode.OnRegression);
        Assert.Equal(CommentAction.Skipped, pass.Outcome!.Action);
        Assert.Empty(server.Writes);

        await publisher.Publish(Publisher.Body("suite", "fail"), failed: true, mode: CommentMode.OnRegression);
        var fixedRun = await publisher.Publish(Publisher.Body("suite", "pass again"), failed: false, mode: CommentMode.OnRegression);

        Assert.Equal(CommentAction.Updated, fixedRun.Outcome!.Action);
        Assert.Equal(["POST", "PATCH"], server.Writes.Select(w => w.Method));
        Assert.Contains("pass again", Assert.Single(server.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_SendsNoRequest()
    {
        var result = await new Publisher(server).Publish(Publisher.Body("suite", "x"), mode: CommentMode.Never);

        Assert.False(result.Failed);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task PullRequestNumber_ComesFromTheEventPayload()
    {
        var payload = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(payload, """{ "action": "synchronize", "number": 12, "pull_request": { "number": 12, "head": { "sha": "abc" } } }""");
            var publisher = new Publisher(server);
            publisher.Environment["GITHUB_EVENT_NAME"] = "pull_request";
            publisher.Environment["GITHUB_EVENT_PATH"] = payload;

            await publisher.Publish(Publisher.Body("suite", "x"));

            Assert.Equal("/repos/octo/evals/issues/12/comments", Assert.Single(server.Writes).Path);
        }
        finally
        {
            File.Delete(payload);
        }
    }

    [Fact]
    public async Task PushEvent_IsNotAFailure_AndSendsNothing()
    {
        var publisher = new Publisher(server);
        publisher.Environment["GITHUB_EVENT_NAME"] = "push";
        publisher.Environment["GITHUB_EVENT_PATH"] = "/nonexistent/event.json";

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Equal(CommentAction.Skipped, result.Outcome!.Action);
        Assert.Empty(server.Requests);
    }
}

/// <summary>GitHub Enterprise Server: the API lives under /api/v3 and GITHUB_API_URL says so.</summary>
public sealed class EnterpriseServer : IAsyncLifetime
{
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync("/api/v3");

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task RequestsGoUnderTheGivenApiPath()
    {
        var result = await new Publisher(server).Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Equal("/api/v3/repos/octo/evals/issues/7/comments", Assert.Single(server.Writes).Path);
    }
}
