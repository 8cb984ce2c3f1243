using System.Globalization;
using System.Net.Http.Headers;
using Mpg.Gate.Review;
using Octokit;

namespace Mpg.Gate.GitHub;

/// <summary>
/// The comments of one pull request through Octokit. Octokit's exceptions stop here: callers see
/// <see cref="ReviewFault"/>s whose messages are redacted of the token.
/// </summary>
public sealed class OctokitIssueComments : IIssueComments
{
    private readonly GitHubClient client;
    private readonly GitHubTarget pullRequest;
    private readonly string secret;
    private readonly TimeProvider clock;

    public OctokitIssueComments(GitHubTarget target, string token, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        pullRequest = target;
        secret = token;
        clock = timeProvider ?? TimeProvider.System;
        client = Client(target, token, timeout);
    }

    /// <summary>An Octokit client for the API address as it is, the token in its credential store.</summary>
    internal static GitHubClient Client(GitHubTarget target, string token, TimeSpan timeout)
    {
        var baseAddress = target.ApiUrl.AbsoluteUri.EndsWith('/') ? target.ApiUrl : new Uri(target.ApiUrl.AbsoluteUri + "/");

        // The Connection is given the API address as it is (GITHUB_API_URL): GitHubClient's own
        // constructor would rewrite any host but api.github.com to HOST/api/v3/.
        var connection = new Connection(
            new Octokit.ProductHeaderValue("mpg-gate", typeof(OctokitIssueComments).Assembly.GetName().Version?.ToString(3) ?? "0"),
            baseAddress,
            new Octokit.Internal.InMemoryCredentialStore(new Credentials(token)));
        var client = new GitHubClient(connection);
        client.SetRequestTimeout(timeout);
        return client;
    }

    /// <summary>Runs one Octokit request; its exceptions leave as <see cref="ReviewFault"/>s without the token.</summary>
    internal static Task<T> Translated<T>(Func<Task<T>> request, GitHubTarget target, string token, TimeProvider? clock = null, CancellationToken cancellation = default) =>
        new Translator(target, token, clock ?? TimeProvider.System).Call(request, cancellation);

    public async Task<IReadOnlyList<PostedComment>> ListAsync(CancellationToken cancellation)
    {
        var comments = await Call(
            () => client.Issue.Comment.GetAllForIssue(pullRequest.Owner, pullRequest.Repository, pullRequest.PullRequest, new ApiOptions { PageSize = 100 }),
            cancellation).ConfigureAwait(false);
        return comments.Select(c => new PostedComment(c.Id, c.Body ?? string.Empty)).ToList();
    }

    public async Task<PostedComment> CreateAsync(string body, CancellationToken cancellation)
    {
        var comment = await Call(() => client.Issue.Comment.Create(pullRequest.Owner, pullRequest.Repository, pullRequest.PullRequest, body), cancellation).ConfigureAwait(false);
        return new PostedComment(comment.Id, comment.Body ?? string.Empty);
    }

    public Task UpdateAsync(long id, string body, CancellationToken cancellation) =>
        Call(() => client.Issue.Comment.Update(pullRequest.Owner, pullRequest.Repository, id, body), cancellation);

    public Task DeleteAsync(long id, CancellationToken cancellation) =>
        Call(async () => { await client.Issue.Comment.Delete(pullRequest.Owner, pullRequest.Repository, id).ConfigureAwait(false); return true; }, cancellation);

    private Task<T> Call<T>(Func<Task<T>> request, CancellationToken cancellation) => Translated(request, pullRequest, secret, clock, cancellation);

    private sealed class Translator(GitHubTarget pullRequest, string secret, TimeProvider clock)
    {
        public async Task<T> Call<T>(Func<Task<T>> request, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return await request().ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                throw Translate(e);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new ReviewFault(FaultKind.Timeout, null, $"no answer from {pullRequest.ApiUrl.Host} in time");
            }
            catch (HttpRequestException e)
            {
                throw new ReviewFault(FaultKind.Unreachable, null, Secret.Redact($"cannot reach {pullRequest.ApiUrl.Host}: {e.Message}", secret));
            }
        }

        private ReviewFault Translate(ApiException e)
        {
            var status = (int)e.StatusCode;
            var said = Secret.Redact(e.ApiError?.Message ?? e.Message, secret);
            var headers = e.HttpResponse?.Headers;
            var wait = RetryAfter(headers);
            return e switch
            {
                SecondaryRateLimitExceededException => new ReviewFault(FaultKind.RateLimited, status, $"secondary rate limit ({status}): {said}", wait),
                RateLimitExceededException limit => new ReviewFault(FaultKind.RateLimited, status, $"rate limit exhausted ({status}), resets at {limit.Reset.UtcDateTime:HH:mm:ss} UTC", wait ?? Until(limit.Reset)),
                _ when status == 429 => new ReviewFault(FaultKind.RateLimited, status, $"too many requests (429): {said}", wait),
                _ when status == 401 => new ReviewFault(FaultKind.Unauthorized, status, $"the token was refused (401): {said}"),
                _ when status == 403 && said.Contains("rate limit", StringComparison.OrdinalIgnoreCase) => new ReviewFault(FaultKind.RateLimited, status, $"rate limited (403): {said}", wait),
                _ when status == 403 => new ReviewFault(FaultKind.Forbidden, status, $"forbidden (403): {said}"),
                _ when status == 404 => new ReviewFault(FaultKind.NotFound, status, $"not found (404): {said}"),
                _ when status == 422 => new ReviewFault(FaultKind.Invalid, status, $"rejected (422): {said}"),
                _ when status >= 500 => new ReviewFault(FaultKind.ServerError, status, $"server error ({status}): {said}", wait),
                _ => new ReviewFault(FaultKind.Other, status, $"unexpected answer ({status}): {said}"),
            };
        }

        /// <summary>Retry-After (seconds or an HTTP date), else x-ratelimit-reset where the quota is spent.</summary>
        private TimeSpan? RetryAfter(IReadOnlyDictionary<string, string>? headers)
        {
            if (headers is null)
            {
                return null;
            }

            if (Header(headers, "Retry-After") is { } retryAfter)
            {
                if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                if (RetryConditionHeaderValue.TryParse(retryAfter, out var value) && value.Date is { } date)
                {
                    return Until(date);
                }
            }

            if (Header(headers, "x-ratelimit-remaining") == "0"
                && long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            {
                return Until(DateTimeOffset.FromUnixTimeSeconds(reset));
            }

            return null;
        }

        private TimeSpan Until(DateTimeOffset moment)
        {
            var wait = moment - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
            headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
