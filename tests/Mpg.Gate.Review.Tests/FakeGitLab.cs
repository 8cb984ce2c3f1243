using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mpg.Gate.Review.Tests;

/// <summary>A merge request note, as the double keeps it.</summary>
internal sealed record Note(long Id, string Project, int MergeRequest, string Body, long Author, bool System);

/// <summary>
/// GitLab's REST API v4 as far as merge request notes go, under /api/v4: <c>GET /user</c>, <c>GET/POST
/// /projects/:id/merge_requests/:iid/notes</c> (offset pagination with X-Next-Page, X-Total-Pages and Link, as
/// GitLab sends them), <c>PUT …/notes/:note_id</c>; <c>PRIVATE-TOKEN</c> authentication; error bodies
/// <c>{"message": …}</c>.
/// </summary>
internal sealed class FakeGitLab : FakeApi
{
    public const string Token = "glpat-FAKEtokenFORtests-0123456789";

    /// <summary>The token's user: a project bot, as a project access token has.</summary>
    public const long BotId = 4242;

    private readonly List<Note> notes = [];
    private long nextId = 5_000;

    /// <summary>The most notes per page the double gives, whatever per_page asks (GitLab caps it at 100).</summary>
    public int MaxPerPage { get; set; } = 100;

    public Uri ApiUrl => new(Address, "api/v4");

    public IReadOnlyList<Note> Notes
    {
        get
        {
            lock (Gate)
            {
                return notes.ToList();
            }
        }
    }

    public static async Task<FakeGitLab> StartNewAsync()
    {
        var fake = new FakeGitLab();
        await fake.StartAsync();
        return fake;
    }

    public long Seed(string project, int mergeRequest, string body, long author = 7, bool system = false)
    {
        lock (Gate)
        {
            var id = nextId++;
            notes.Add(new Note(id, project, mergeRequest, body, author, system));
            return id;
        }
    }

    protected override bool Authorized(HttpRequest request) => request.Headers["PRIVATE-TOKEN"] == Token;

    protected override async Task Answer(HttpContext context, string body)
    {
        var request = context.Request;
        var parts = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        if (parts is ["api", "v4", "user"] && request.Method == "GET")
        {
            await Json(context.Response, 200, new JsonObject { ["id"] = BotId, ["username"] = "project_123_bot_abc", ["bot"] = true });
            return;
        }

        if (parts is ["api", "v4", "projects", var project, "merge_requests", var iidText, "notes", .. var rest] && int.TryParse(iidText, CultureInfo.InvariantCulture, out var iid))
        {
            if (rest.Length == 0 && request.Method == "GET")
            {
                await List(context, project, iid);
                return;
            }

            if (rest.Length == 0 && request.Method == "POST")
            {
                var text = JsonNode.Parse(body)?["body"]?.GetValue<string>() ?? string.Empty;
                var id = Seed(project, iid, text, BotId);
                await Json(context.Response, 201, NoteJson(Notes.Single(n => n.Id == id)));
                return;
            }

            if (rest is [var noteText] && request.Method == "PUT" && long.TryParse(noteText, CultureInfo.InvariantCulture, out var noteId))
            {
                Note? updated = null;
                lock (Gate)
                {
                    var index = notes.FindIndex(n => n.Id == noteId && n.Project == project && n.MergeRequest == iid);
                    if (index >= 0)
                    {
                        if (notes[index].Author != BotId)
                        {
                            index = -2;
                        }
                        else
                        {
                            updated = notes[index] = notes[index] with { Body = JsonNode.Parse(body)?["body"]?.GetValue<string>() ?? string.Empty };
                        }
                    }
                }

                if (updated is null)
                {
                    await Json(context.Response, 403, new JsonObject { ["message"] = "403 Forbidden" });
                    return;
                }

                await Json(context.Response, 200, NoteJson(updated));
                return;
            }
        }

        await Json(context.Response, 404, new JsonObject { ["message"] = "404 Not Found" });
    }

    private async Task List(HttpContext context, string project, int iid)
    {
        var query = context.Request.Query;
        var perPage = Math.Min(MaxPerPage, int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) && pp > 0 ? pp : 20);
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var all = Notes.Where(n => n.Project == project && n.MergeRequest == iid).ToList();
        var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var headers = context.Response.Headers;
        headers["X-Page"] = page.ToString(CultureInfo.InvariantCulture);
        headers["X-Per-Page"] = perPage.ToString(CultureInfo.InvariantCulture);
        headers["X-Total"] = all.Count.ToString(CultureInfo.InvariantCulture);
        headers["X-Total-Pages"] = pages.ToString(CultureInfo.InvariantCulture);
        headers["X-Next-Page"] = page < pages ? (page + 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
        headers["X-Prev-Page"] = page > 1 ? (page - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
        string Link(int n) => $"<{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?page={n}&per_page={perPage}>";
        var links = new List<string>();
        if (page < pages)
        {
            links.Add($"{Link(page + 1)}; rel=\"next\"");
        }

        links.Add($"{Link(1)}; rel=\"first\"");
        links.Add($"{Link(pages)}; rel=\"last\"");
        headers["Link"] = string.Join(", ", links);
        var slice = all.Skip((page - 1) * perPage).Take(perPage).Select(n => (JsonNode)NoteJson(n)).ToArray();
        await Json(context.Response, 200, new JsonArray(slice));
    }

    private static JsonObject NoteJson(Note note) => new()
    {
        ["id"] = note.Id,
        ["type"] = null,
        ["body"] = note.Body,
        ["author"] = new JsonObject { ["id"] = note.Author, ["username"] = note.Author == BotId ? "project_123_bot_abc" : "someone" },
        ["created_at"] = "2026-12-01T12:00:00.000Z",
        ["updated_at"] = "2026-12-01T12:00:00.000Z",
        ["system"] = note.System,
        ["noteable_id"] = 900,
        ["noteable_type"] = "MergeRequest",
        ["noteable_iid"] = note.MergeRequest,
        ["resolvable"] = false,
        ["confidential"] = false,
        ["internal"] = false,
    };
}
