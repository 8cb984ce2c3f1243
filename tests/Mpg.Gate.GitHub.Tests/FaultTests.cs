using System.Globalization;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>Rate limits, outages and refusals: bounded retries that wait as told, then a warning that never holds the token.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_WaitsAsTold_ThenPostsOneComment()
    {
        server.FailNext(1, 429, "API rate limit exceeded", ("Retry-After", "7"));
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Equal([TimeSpan.FromSeconds(7)], publisher.Waits);
        Assert.Single(server.Comments);
        Assert.Equal("POST", Assert.Single(server.Writes).Method);
    }

    [Fact]
    public async Task SecondaryRateLimit_403WithRetryAfter_IsRetried()
    {
        server.FailNext(1, 403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", ("Retry-After", "3"));
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Equal([TimeSpan.FromSeconds(3)], publisher.Waits);
        Assert.Single(server.Comments);
    }

    [Fact]
    public async Task PrimaryRateLimitSpent_WaitsUntilTheReset()
    {
        // 50 s ahead (under the 60 s cap): the wait stays well above the 1-2-4 s backoff even if the loaded machine
        // takes tens of seconds to get the request out.
        var reset = DateTimeOffset.UtcNow.AddSeconds(50).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        server.FailNext(1, 403, "API rate limit exceeded for installation ID 1.", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset));
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        var wait = Assert.Single(publisher.Waits);
        Assert.InRange(wait.TotalSeconds, 8, 51);
    }

    [Fact]
    public async Task RateLimitResettingTooLate_FailsWithoutWaiting()
    {
        server.FailNext(1, 429, "API rate limit exceeded", ("Retry-After", "3600"));
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Equal(FaultKind.RateLimited, result.Fault);
        Assert.Empty(publisher.Waits);
        Assert.Empty(server.Comments);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackoff_ThenFail()
    {
        server.FailNext(10, 502, "Server Error");
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Equal(FaultKind.ServerError, result.Fault);
        Assert.Equal(RetryPolicy.Default.MaxAttempts, server.Requests.Count);
        Assert.Equal([1, 2, 4], publisher.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task ServerErrorThenSuccess_PostsOnce()
    {
        server.FailNext(2, 500, "Server Error");

        var result = await new Publisher(server).Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Single(server.Comments);
    }

    [Theory]
    [InlineData(403, "Resource not accessible by integration", FaultKind.Forbidden)]
    [InlineData(404, "Not Found", FaultKind.NotFound)]
    [InlineData(422, "Validation Failed", FaultKind.Invalid)]
    [InlineData(401, "Bad credentials", FaultKind.Unauthorized)]
    public async Task Refusals_FailAtOnce_WithTheirKind(int status, string message, FaultKind kind)
    {
        server.FailNext(1, status, message);
        var publisher = new Publisher(server);

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Equal(kind, result.Fault);
        Assert.Single(server.Requests);
        Assert.Empty(publisher.Waits);
    }

    [Fact]
    public async Task Unreachable_IsRetriedThenFails()
    {
        var publisher = new Publisher(server);
        publisher.Environment["GITHUB_API_URL"] = "http://127.0.0.1:1/";

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Equal(FaultKind.Unreachable, result.Fault);
        Assert.Equal(RetryPolicy.Default.MaxAttempts - 1, publisher.Waits.Count);
    }

    [Fact]
    public async Task ATokenEchoedByTheServer_IsRedactedFromTheMessage()
    {
        server.FailNext(1, 422, $"token {FakeGitHub.Token} is not allowed here");

        var result = await new Publisher(server).Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.DoesNotContain(FakeGitHub.Token, result.Message, StringComparison.Ordinal);
        Assert.Contains(Secret.Mask, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_FailsWithoutARequest()
    {
        var publisher = new Publisher(server);
        publisher.Environment["GITHUB_TOKEN"] = "";

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Null(result.Fault);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task StalledServer_TimesOutAndIsRetried_ThenPostsOneComment()
    {
        // The stalled request is held until the client gives up, however long that takes, and the timeout is one a
        // healthy request to 127.0.0.1 meets even on a saturated machine (a 1 s timeout also expired on the next,
        // healthy request under load): the test no longer depends on how fast the machine is.
        server.StallNext(1, Timeout.InfiniteTimeSpan);
        var publisher = new Publisher(server) { Timeout = TimeSpan.FromSeconds(10) };

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.False(result.Failed);
        Assert.Single(publisher.Waits); // one backoff after the timeout
        Assert.Single(server.Comments);
    }

    [Fact]
    public async Task ServerThatNeverAnswersInTime_FailsAfterBoundedRetries()
    {
        server.StallNext(10, Timeout.InfiniteTimeSpan); // never answered: every attempt times out, whatever the load
        var publisher = new Publisher(server) { Timeout = TimeSpan.FromMilliseconds(500) };

        var result = await publisher.Publish(Publisher.Body("suite", "x"));

        Assert.True(result.Failed);
        Assert.Equal(3, publisher.Waits.Count); // four attempts, three waits between them
        Assert.Empty(server.Comments);
    }
}
