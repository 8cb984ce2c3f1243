using System.Globalization;
using System.Text.Json.Nodes;
using Mpg.Gate.Reports;

namespace Mpg.Gate.Review.GitLab;

/// <summary>
/// The sticky report as one merge request note, through GitLab's Notes API
/// (<c>GET/POST/PUT /projects/:id/merge_requests/:iid/notes</c>). Ours is the note with our marker written
/// by the token's own user (<c>GET /user</c>), never a system note nor a quote of ours by someone else.
/// </summary>
public sealed class GitLabNotes : IReviewHost, IDisposable
{
    private const int PageSize = 100;
    private readonly RestConnection connection;
    private readonly GitLabTarget target;
    private long? self;

    public GitLabNotes(GitLabTarget target, string token, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = target;
        connection = new RestConnection("GitLab", token, h => h.TryAddWithoutValidation("PRIVATE-TOKEN", token), timeout, Explain, target.CaFile);
    }

    public string Name => "GitLab";

    public string Kind => "merge request note";

    public int MaxBodyLength => BodyLimit.GitLabMaxLength;

    public string Where => target.ToString();

    public string Shape(string body, string gateName) => body;

    public async Task<PostedReport?> FindOwnAsync(string gateName, CancellationToken cancellation)
    {
        var marker = VerdictMarkdown.Marker(gateName);
        var me = await SelfAsync(cancellation).ConfigureAwait(false);
        for (var page = "1"; page is not null;)
        {
            var answer = await connection.SendAsync(HttpMethod.Get, Notes($"?per_page={PageSize}&page={Uri.EscapeDataString(page)}&sort=asc&order_by=created_at"), null, cancellation).ConfigureAwait(false);
            foreach (var note in answer.Body as JsonArray ?? [])
            {
                if (note is JsonObject n
                    && n["system"]?.GetValue<bool>() != true
                    && n["author"]?["id"]?.GetValue<long>() == me
                    && n["body"]?.GetValue<string>() is { } body
                    && body.Contains(marker, StringComparison.Ordinal)
                    && n["id"]?.GetValue<long>() is { } id)
                {
                    return new PostedReport(id, body);
                }
            }

            page = NextPage(answer);
        }

        return null;
    }

    public async Task<PostedReport> CreateAsync(string gateName, string body, ReviewState state, CancellationToken cancellation)
    {
        var answer = await connection.SendAsync(HttpMethod.Post, Notes(string.Empty), new JsonObject { ["body"] = body }, cancellation).ConfigureAwait(false);
        var id = answer.Body?["id"]?.GetValue<long>() ?? throw new ReviewFault(FaultKind.Other, answer.Status, "GitLab created the note but did not say its id");
        return new PostedReport(id, body);
    }

    public Task UpdateAsync(PostedReport report, string body, ReviewState state, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(report);
        return connection.SendAsync(HttpMethod.Put, Notes("/" + report.Id.ToString(CultureInfo.InvariantCulture)), new JsonObject { ["body"] = body }, cancellation);
    }

    public FaultHints Hints => new(
        Forbidden: " — the token may not write notes here: a project access token needs scope 'api' and at least the Reporter role",
        Unauthorized: " — the token is invalid, expired or revoked",
        NotFound: $" — check that project {target.Project} and merge request !{target.MergeRequest.ToString(CultureInfo.InvariantCulture)} exist and the token can see them",
        Invalid: " — GitLab refused the note body");

    public void Dispose() => connection.Dispose();

    private async Task<long> SelfAsync(CancellationToken cancellation)
    {
        if (self is { } known)
        {
            return known;
        }

        var answer = await connection.SendAsync(HttpMethod.Get, new Uri(target.ApiUrl, "user"), null, cancellation).ConfigureAwait(false);
        self = answer.Body?["id"]?.GetValue<long>() ?? throw new ReviewFault(FaultKind.Other, answer.Status, "GitLab did not say who the token's user is (GET /user)");
        return self.Value;
    }

    private Uri Notes(string rest) => new(target.ApiUrl, $"projects/{Uri.EscapeDataString(target.Project)}/merge_requests/{target.MergeRequest.ToString(CultureInfo.InvariantCulture)}/notes{rest}");

    /// <summary>GitLab says the next page in X-Next-Page (empty on the last); keyset-paginated answers say it only in Link.</summary>
    private static string? NextPage(RestAnswer answer)
    {
        if (answer.Headers.TryGetValues("X-Next-Page", out var next))
        {
            return Env.Blank(next.FirstOrDefault());
        }

        if (answer.Headers.TryGetValues("Link", out var links))
        {
            foreach (var link in string.Join(',', links).Split(','))
            {
                var parts = link.Split(';');
                if (parts.Length > 1 && parts[1].Contains("rel=\"next\"", StringComparison.Ordinal)
                    && Uri.TryCreate(parts[0].Trim().TrimStart('<').TrimEnd('>'), UriKind.Absolute, out var uri)
                    && System.Web.HttpUtility.ParseQueryString(uri.Query)["page"] is { } page)
                {
                    return page;
                }
            }
        }

        return null;
    }

    private static string Explain(JsonNode error) =>
        error["message"] is JsonValue message ? message.ToString() : error["message"]?.ToJsonString() ?? error["error"]?.ToString() ?? string.Empty;
}
