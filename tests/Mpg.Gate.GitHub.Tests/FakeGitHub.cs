using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>A check run as the double keeps it; an update's annotations are added to the run's, as GitHub does.</summary>
internal sealed record CheckRunRecord(long Id, string HeadSha, string Name, string? Conclusion, string? Title, string? Summary, IReadOnlyList<JsonObject> Annotations);

/// <summary>One request as the server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body);

/// <summary>
/// A test double of the GitHub REST API's issue comments on Kestrel, 127.0.0.1, port 0. It answers
/// like GitHub: JSON bodies, rate-limit headers, Link pagination, error bodies with message and
/// documentation_url; and it can be told to fail the next requests with a given status and headers.
/// </summary>
internal sealed class FakeGitHub : IAsyncDisposable
{
    public const string Token = "ghs_fakeTOKENfor_tests_0123456789abcdef";

    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly object gate = new();
    private readonly List<(long Id, int Issue, string Body)> comments = [];
    private readonly List<CheckRunRecord> checkRuns = [];
    private long nextId = 1_000;

    private FakeGitHub(WebApplication app, string prefix)
    {
        Prefix = prefix;
        App = app;
    }

    private WebApplication App { get; }

    public string Prefix { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Comments per page when listing (GitHub's default is 30; tests make it small to get several pages).</summary>
    public int PageSize { get; set; } = 30;

    public Uri ApiUrl { get; private set; } = null!;

    public IReadOnlyList<(long Id, int Issue, string Body)> Comments
    {
        get
        {
            lock (gate)
            {
                return comments.ToList();
            }
        }
    }

    private readonly ConcurrentQueue<TimeSpan> stalls = new();

    public IReadOnlyList<CheckRunRecord> CheckRuns
    {
        get
        {
            lock (gate)
            {
                return checkRuns.ToList();
            }
        }
    }

    private sealed record Fault(int Status, string Message, IReadOnlyDictionary<string, string> Headers);

    public static async Task<FakeGitHub> StartAsync(string prefix = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeGitHub(app, prefix);
        app.Run(fake.Handle);
        await app.StartAsync();
        fake.ApiUrl = new Uri(app.Urls.First() + prefix + "/");
        return fake;
    }

    public long Seed(int issue, string body)
    {
        lock (gate)
        {
            var id = nextId++;
            comments.Add((id, issue, body));
            return id;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get this status, GitHub-style error body and headers.</summary>
    public void FailNext(int count, int status, string message, params (string Name, string Value)[] headers)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(new Fault(status, message, headers.ToDictionary(h => h.Name, h => h.Value)));
        }
    }

    /// <summary>The next <paramref name="count"/> requests are held for <paramref name="delay"/> (<see cref="Timeout.InfiniteTimeSpan"/>: until the client gives up) before being answered, as a stalled server would.</summary>
    public void StallNext(int count, TimeSpan delay)
    {
        for (var i = 0; i < count; i++)
        {
            stalls.Enqueue(delay);
        }
    }

    public IEnumerable<RecordedRequest> Writes => Requests.Where(r => r.Method is "POST" or "PATCH" or "DELETE");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private async Task Handle(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.Headers.Authorization.ToString(), body));
        var response = context.Response;
        response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        response.Headers["X-GitHub-Request-Id"] = "F00D:" + Requests.Count.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-limit"] = "5000";
        response.Headers["x-ratelimit-remaining"] = "4990";
        response.Headers["x-ratelimit-reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-resource"] = "core";

        if (stalls.TryDequeue(out var stall))
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up, as it should
            }
        }

        if (faults.TryDequeue(out var fault))
        {
            foreach (var (name, value) in fault.Headers)
            {
                response.Headers[name] = value;
            }

            await Error(response, fault.Status, fault.Message);
            return;
        }

        var auth = request.Headers.Authorization.ToString();
        if (!auth.EndsWith(" " + Token, StringComparison.Ordinal))
        {
            await Error(response, 401, "Bad credentials");
            return;
        }

        var path = request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix + "/repos/", StringComparison.Ordinal))
        {
            await Error(response, 404, "Not Found");
            return;
        }

        // repos/{owner}/{repo}/issues/{n}/comments  or  repos/{owner}/{repo}/issues/comments/{id}
        var parts = path[(Prefix.Length + 1)..].Split('/');
        if (parts is ["repos", _, _, "issues", var number, "comments"] && int.TryParse(number, CultureInfo.InvariantCulture, out var issue))
        {
            if (request.Method == "GET")
            {
                await List(context, issue);
                return;
            }

            if (request.Method == "POST")
            {
                var text = JsonNode.Parse(body)?["body"]?.GetValue<string>() ?? string.Empty;
                var id = Seed(issue, text);
                await Json(response, 201, CommentJson(context, id, text));
                return;
            }
        }

        if (parts is ["repos", _, _, "commits", var reference, "check-runs"] && request.Method == "GET")
        {
            var name = context.Request.Query["check_name"].ToString();
            var runs = CheckRuns.Where(c => c.HeadSha == reference && (name.Length == 0 || c.Name == name)).Select(c => (JsonNode)CheckRunJson(c)).ToArray();
            await Json(response, 200, new JsonObject { ["total_count"] = runs.Length, ["check_runs"] = new JsonArray(runs) });
            return;
        }

        if (parts is ["repos", _, _, "check-runs", .. var checkRest] && request.Method is "POST" or "PATCH")
        {
            var payload = JsonNode.Parse(body)!;
            var annotations = (payload["output"]?["annotations"] as JsonArray ?? []).Select(a => a!.DeepClone().AsObject()).ToList();
            CheckRunRecord? run = null;
            lock (gate)
            {
                if (checkRest.Length == 0 && request.Method == "POST")
                {
                    run = new CheckRunRecord(nextId++, payload["head_sha"]!.GetValue<string>(), payload["name"]!.GetValue<string>(), payload["conclusion"]?.GetValue<string>(), payload["output"]?["title"]?.GetValue<string>(), payload["output"]?["summary"]?.GetValue<string>(), annotations);
                    checkRuns.Add(run);
                }
                else if (checkRest is [var runText] && long.TryParse(runText, CultureInfo.InvariantCulture, out var runId) && checkRuns.FindIndex(c => c.Id == runId) is var index and >= 0)
                {
                    var old = checkRuns[index];

                    // GitHub adds an update's annotations to those the run has.
                    run = checkRuns[index] = old with
                    {
                        Conclusion = payload["conclusion"]?.GetValue<string>() ?? old.Conclusion,
                        Title = payload["output"]?["title"]?.GetValue<string>() ?? old.Title,
                        Summary = payload["output"]?["summary"]?.GetValue<string>() ?? old.Summary,
                        Annotations = [.. old.Annotations, .. annotations],
                    };
                }
            }

            if (run is null)
            {
                await Error(response, 404, "Not Found");
                return;
            }

            await Json(response, request.Method == "POST" ? 201 : 200, CheckRunJson(run));
            return;
        }

        if (parts is ["repos", _, _, "issues", "comments", var idText] && long.TryParse(idText, CultureInfo.InvariantCulture, out var commentId))
        {
            lock (gate)
            {
                var index = comments.FindIndex(c => c.Id == commentId);
                if (index < 0)
                {
                    commentId = -1;
                }
                else if (request.Method == "PATCH")
                {
                    var text = JsonNode.Parse(body)?["body"]?.GetValue<string>() ?? string.Empty;
                    comments[index] = (commentId, comments[index].Issue, text);
                }
                else if (request.Method == "DELETE")
                {
                    comments.RemoveAt(index);
                }
            }

            if (commentId < 0)
            {
                await Error(response, 404, "Not Found");
            }
            else if (request.Method == "DELETE")
            {
                response.StatusCode = 204;
            }
            else
            {
                await Json(response, 200, CommentJson(context, commentId, Comments.Single(c => c.Id == commentId).Body));
            }

            return;
        }

        await Error(response, 404, "Not Found");
    }

    private async Task List(HttpContext context, int issue)
    {
        var query = context.Request.Query;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var all = Comments.Where(c => c.Issue == issue).ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var slice = all.Skip((page - 1) * PageSize).Take(PageSize);
        var array = new JsonArray(slice.Select(c => (JsonNode)CommentJson(context, c.Id, c.Body)).ToArray());

        string Link(int n) => $"<{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?page={n}>";
        var links = new List<string>();
        if (page < pages)
        {
            links.Add($"{Link(page + 1)}; rel=\"next\"");
            links.Add($"{Link(pages)}; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"{Link(page - 1)}; rel=\"prev\"");
            links.Add($"{Link(1)}; rel=\"first\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        await Json(context.Response, 200, array);
    }

    private static JsonObject CommentJson(HttpContext context, long id, string body)
    {
        var url = $"{context.Request.Scheme}://{context.Request.Host}/repos/o/r/issues/comments/{id}";
        return new JsonObject
        {
            ["id"] = id,
            ["node_id"] = "IC_kwDO" + id.ToString(CultureInfo.InvariantCulture),
            ["url"] = url,
            ["html_url"] = $"https://github.com/o/r/pull/1#issuecomment-{id}",
            ["body"] = body,
            ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 41898282, ["type"] = "Bot" },
            ["created_at"] = "2026-11-27T12:00:00Z",
            ["updated_at"] = "2026-11-27T12:00:00Z",
            ["author_association"] = "NONE",
        };
    }

    private static JsonObject CheckRunJson(CheckRunRecord run) => new()
    {
        ["id"] = run.Id,
        ["head_sha"] = run.HeadSha,
        ["node_id"] = "CR_kwDO" + run.Id.ToString(CultureInfo.InvariantCulture),
        ["external_id"] = string.Empty,
        ["url"] = $"https://api.github.com/repos/o/r/check-runs/{run.Id}",
        ["html_url"] = $"https://github.com/o/r/runs/{run.Id}",
        ["status"] = "completed",
        ["conclusion"] = run.Conclusion,
        ["started_at"] = "2026-12-01T12:00:00Z",
        ["completed_at"] = "2026-12-01T12:00:00Z",
        ["name"] = run.Name,
        ["output"] = new JsonObject { ["title"] = run.Title, ["summary"] = run.Summary, ["text"] = null, ["annotations_count"] = run.Annotations.Count, ["annotations_url"] = $"https://api.github.com/repos/o/r/check-runs/{run.Id}/annotations" },
        ["check_suite"] = new JsonObject { ["id"] = 5 },
        ["app"] = new JsonObject { ["id"] = 15368, ["slug"] = "github-actions", ["name"] = "GitHub Actions" },
        ["pull_requests"] = new JsonArray(),
    };

    private static Task Error(HttpResponse response, int status, string message) =>
        Json(response, status, new JsonObject
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/issues/comments",
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        });

    private static async Task Json(HttpResponse response, int status, JsonNode node)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }
}
