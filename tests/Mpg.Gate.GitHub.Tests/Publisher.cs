using Mpg.Gate.Policy;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>Publishes through the real Octokit client to a <see cref="FakeGitHub"/>, recording waits instead of sleeping.</summary>
internal sealed class Publisher(FakeGitHub server)
{
    public const int PullRequest = 7;

    public List<TimeSpan> Waits { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>How long one request may take before it counts as a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public Task<PublishResult> Publish(string markdown, bool failed = false, CommentMode mode = CommentMode.Always, string gate = "suite")
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GITHUB_REPOSITORY"] = "octo/evals",
            ["GITHUB_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
        };
        foreach (var (name, value) in Environment)
        {
            env[name] = value;
        }

        var retry = RetryPolicy.Default with
        {
            Delay = (wait, _) =>
            {
                Waits.Add(wait);
                return Task.CompletedTask;
            },
        };
        var pr = Environment.ContainsKey("GITHUB_EVENT_PATH") ? (int?)null : PullRequest;
        return PullRequestComment.PublishAsync(
            new TargetOptions(null, pr, null, null), name => env.GetValueOrDefault(name), gate, markdown, failed, new PublishSettings(mode, retry, Timeout));
    }

    public static string Body(string gate, string text) => $"<!-- mpg-gate:{gate} -->\n### {text}\n";
}
