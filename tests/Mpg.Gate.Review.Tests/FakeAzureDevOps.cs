using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mpg.Gate.Review.Tests;

/// <summary>A pull request thread, as the double keeps it.</summary>
internal sealed record ThreadRecord(long Id, int PullRequest, string Status, IReadOnlyDictionary<string, string> Properties, IReadOnlyList<(long Id, string Content)> Comments);

/// <summary>
/// Azure DevOps' Git pull request threads REST API under /ORG/PROJECT/_apis/git/repositories/REPO/pullRequests/ID/threads:
/// <c>GET</c> (<c>{"value": […], "count": n}</c>), <c>POST</c>, <c>PATCH …/threads/{t}</c> (status) and
/// <c>PATCH …/threads/{t}/comments/{c}</c>; Bearer authentication; <c>api-version</c> required as the service
/// requires it; error bodies <c>{"message": "TF…", "typeKey": …}</c>.
/// </summary>
internal sealed class FakeAzureDevOps : FakeApi
{
    public const string Token = "eyJ0eXAiOiJKV1QiFAKE.azureSYSTEMaccessTOKEN.0123456789";
    public const string Organization = "contoso";
    public const string Project = "Evals Team";
    public const string Repository = "0d6a2bd9-3c56-4f36-9d7e-3a5b1f1c2e01";

    private readonly List<ThreadRecord> threads = [];
    private long nextId = 300;

    public Uri Collection => new(Address, Organization + "/");

    public IReadOnlyList<ThreadRecord> Threads
    {
        get
        {
            lock (Gate)
            {
                return threads.ToList();
            }
        }
    }

    public static async Task<FakeAzureDevOps> StartNewAsync()
    {
        var fake = new FakeAzureDevOps();
        await fake.StartAsync();
        return fake;
    }

    public long Seed(int pullRequest, string content, string status = "active", IReadOnlyDictionary<string, string>? properties = null)
    {
        lock (Gate)
        {
            var id = nextId++;
            threads.Add(new ThreadRecord(id, pullRequest, status, properties ?? new Dictionary<string, string>(), [(1, content)]));
            return id;
        }
    }

    protected override bool Authorized(HttpRequest request) => request.Headers.Authorization == "Bearer " + Token;

    protected override async Task Answer(HttpContext context, string body)
    {
        var request = context.Request;
        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await Json(context.Response, 400, Error("VssVersionNotSpecifiedException", "No api-version was supplied for the \"GET\" request."));
            return;
        }

        var parts = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        if (parts is not [Organization, Project, "_apis", "git", "repositories", Repository, "pullRequests", var prText, "threads", .. var rest]
            || !int.TryParse(prText, CultureInfo.InvariantCulture, out var pr))
        {
            await Json(context.Response, 404, Error("NotFoundException", "TF401019: The Git repository with name or identifier does not exist or you do not have permissions for the operation you are attempting."));
            return;
        }

        var payload = body.Length == 0 ? null : JsonNode.Parse(body);
        switch (request.Method, rest)
        {
            case ("GET", []):
                var list = Threads.Where(t => t.PullRequest == pr).Select(t => (JsonNode)ThreadJson(t)).ToArray();
                await Json(context.Response, 200, new JsonObject { ["value"] = new JsonArray(list), ["count"] = list.Length });
                return;
            case ("POST", []):
                var content = payload?["comments"]?[0]?["content"]?.GetValue<string>() ?? string.Empty;
                var properties = (payload?["properties"] as JsonObject ?? [])
                    .ToDictionary(p => p.Key, p => p.Value is JsonObject typed ? typed["$value"]?.ToString() ?? string.Empty : p.Value?.ToString() ?? string.Empty);
                var id = Seed(pr, content, payload?["status"]?.GetValue<string>() ?? "active", properties);
                await Json(context.Response, 200, ThreadJson(Threads.Single(t => t.Id == id)));
                return;
            case ("PATCH", [var threadText]) when long.TryParse(threadText, CultureInfo.InvariantCulture, out var threadId):
                var patched = Change(threadId, t => t with { Status = payload?["status"]?.GetValue<string>() ?? t.Status });
                await Json(context.Response, patched is null ? 404 : 200, patched is null ? Error("NotFoundException", "thread not found") : ThreadJson(patched));
                return;
            case ("PATCH", [var threadText, "comments", var commentText])
                when long.TryParse(threadText, CultureInfo.InvariantCulture, out var threadId) && long.TryParse(commentText, CultureInfo.InvariantCulture, out var commentId):
                var text = payload?["content"]?.GetValue<string>() ?? string.Empty;
                var edited = Change(threadId, t => t.Comments.Any(c => c.Id == commentId) ? t with { Comments = t.Comments.Select(c => c.Id == commentId ? (c.Id, text) : c).ToList() } : null);
                await Json(context.Response, edited is null ? 404 : 200, edited is null ? Error("NotFoundException", "comment not found") : new JsonObject { ["id"] = commentId, ["content"] = text });
                return;
            default:
                await Json(context.Response, 405, Error("MethodNotAllowed", "method not allowed"));
                return;
        }
    }

    public static JsonObject Error(string typeKey, string message) => new()
    {
        ["$id"] = "1",
        ["innerException"] = null,
        ["message"] = message,
        ["typeName"] = $"Microsoft.TeamFoundation.Git.Server.{typeKey}, Microsoft.TeamFoundation.Git.Server",
        ["typeKey"] = typeKey,
        ["errorCode"] = 0,
        ["eventId"] = 3000,
    };

    private ThreadRecord? Change(long id, Func<ThreadRecord, ThreadRecord?> change)
    {
        lock (Gate)
        {
            var index = threads.FindIndex(t => t.Id == id);
            if (index < 0 || change(threads[index]) is not { } changed)
            {
                return null;
            }

            return threads[index] = changed;
        }
    }

    private static JsonObject ThreadJson(ThreadRecord thread)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in thread.Properties)
        {
            properties[key] = new JsonObject { ["$type"] = "System.String", ["$value"] = value };
        }

        return new JsonObject
        {
            ["pullRequestThreadContext"] = null,
            ["id"] = thread.Id,
            ["publishedDate"] = "2026-12-01T12:00:00Z",
            ["lastUpdatedDate"] = "2026-12-01T12:00:00Z",
            ["comments"] = new JsonArray(thread.Comments.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["parentCommentId"] = 0,
                ["author"] = new JsonObject { ["displayName"] = "Evals Team Build Service (contoso)", ["id"] = "9f1c1c3e-0000-4000-8000-000000000001" },
                ["content"] = c.Content,
                ["commentType"] = "text",
            }).ToArray()),
            ["status"] = thread.Status,
            ["threadContext"] = null,
            ["properties"] = properties,
            ["identities"] = null,
            ["isDeleted"] = false,
        };
    }
}
