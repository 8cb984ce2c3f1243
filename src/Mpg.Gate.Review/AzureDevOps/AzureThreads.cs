using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mpg.Gate.Review.AzureDevOps;

/// <summary>
/// The sticky report as one Azure DevOps pull request thread (<c>GET/POST …/pullRequests/{id}/threads</c>,
/// <c>PATCH …/threads/{t}/comments/{c}</c>). Ours carries a thread property naming the gate, and its text a
/// <c>[//]: &lt;&gt; (mpg-gate:NAME)</c> line (Azure DevOps shows HTML comments as text). The thread is
/// <c>active</c> while the gate fails and <c>closed</c> once it passes, so a "comment resolution" branch
/// policy blocks a regression from merging.
/// </summary>
public sealed partial class AzureThreads : IReviewHost, IDisposable
{
    public const string GateProperty = "Mpg.Gate.Name";
    private readonly RestConnection connection;
    private readonly AzureTarget target;

    public AzureThreads(AzureTarget target, string token, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.target = target;
        connection = new RestConnection("Azure DevOps", token, h => h.TryAddWithoutValidation("Authorization", "Bearer " + token), timeout, Explain);
    }

    public string Name => "Azure DevOps";

    public string Kind => "pull request thread";

    public int MaxBodyLength => BodyLimit.AzureDevOpsMaxLength;

    public string Where => target.ToString();

    /// <summary>The report's <c>&lt;!-- mpg-…:… --&gt;</c> marker lines as Markdown comment lines, which Azure DevOps hides.</summary>
    public string Shape(string body, string gateName) => HtmlMarker().Replace(body, "[//]: <> ($1)");

    public static string Marker(string gateName) => $"[//]: <> (mpg-gate:{gateName})";

    public async Task<PostedReport?> FindOwnAsync(string gateName, CancellationToken cancellation)
    {
        var marker = Marker(gateName);
        var answer = await connection.SendAsync(HttpMethod.Get, Threads(string.Empty), null, cancellation).ConfigureAwait(false);
        foreach (var thread in answer.Body?["value"] as JsonArray ?? [])
        {
            if (thread is not JsonObject t || t["isDeleted"]?.GetValue<bool>() == true || t["id"]?.GetValue<long>() is not { } id
                || t["comments"] is not JsonArray { Count: > 0 } comments || comments[0] is not JsonObject first)
            {
                continue;
            }

            var content = first["content"]?.GetValue<string>() ?? string.Empty;
            if (PropertyValue(t, GateProperty) == gateName || content.Contains(marker, StringComparison.Ordinal))
            {
                return new PostedReport(id, content) { TextId = first["id"]?.GetValue<long>() ?? 1 };
            }
        }

        return null;
    }

    public async Task<PostedReport> CreateAsync(string gateName, string body, ReviewState state, CancellationToken cancellation)
    {
        var thread = new JsonObject
        {
            ["comments"] = new JsonArray(new JsonObject { ["parentCommentId"] = 0, ["content"] = body, ["commentType"] = 1 }),
            ["status"] = Status(state),
            ["properties"] = new JsonObject { [GateProperty] = new JsonObject { ["$type"] = "System.String", ["$value"] = gateName } },
        };
        var answer = await connection.SendAsync(HttpMethod.Post, Threads(string.Empty), thread, cancellation).ConfigureAwait(false);
        var id = answer.Body?["id"]?.GetValue<long>() ?? throw new ReviewFault(FaultKind.Other, answer.Status, "Azure DevOps created the thread but did not say its id");
        var comment = answer.Body?["comments"]?[0]?["id"]?.GetValue<long>() ?? 1;
        return new PostedReport(id, body) { TextId = comment };
    }

    public async Task UpdateAsync(PostedReport report, string body, ReviewState state, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(report);
        var thread = "/" + report.Id.ToString(CultureInfo.InvariantCulture);
        await connection.SendAsync(HttpMethod.Patch, Threads(thread + "/comments/" + report.TextId.ToString(CultureInfo.InvariantCulture)), new JsonObject { ["content"] = body }, cancellation).ConfigureAwait(false);
        await connection.SendAsync(HttpMethod.Patch, Threads(thread), new JsonObject { ["status"] = Status(state) }, cancellation).ConfigureAwait(false);
    }

    /// <summary>TF401027 is Azure DevOps' "you need the Git 'PullRequestContribute' permission".</summary>
    public FaultHints Hints => new(
        Forbidden: " — the build service identity lacks the 'Contribute to pull requests' permission on the repository (Project settings → Repositories → Security)",
        Unauthorized: " — the token was refused: map it in the step (env: { SYSTEM_ACCESSTOKEN: $(System.AccessToken) })",
        NotFound: $" — check that {target} exists and the build identity can see it",
        Invalid: " — Azure DevOps refused the thread (check --api-version)");

    public void Dispose() => connection.Dispose();

    private static string Status(ReviewState state) => state == ReviewState.Open ? "active" : "closed";

    private Uri Threads(string rest) => new(
        target.Collection,
        $"{Uri.EscapeDataString(target.Project)}/_apis/git/repositories/{Uri.EscapeDataString(target.Repository)}/pullRequests/{target.PullRequest.ToString(CultureInfo.InvariantCulture)}/threads{rest}?api-version={Uri.EscapeDataString(target.ApiVersion)}");

    /// <summary>A thread property as Azure DevOps returns it (<c>{"$type": …, "$value": …}</c>), or a plain value.</summary>
    private static string? PropertyValue(JsonObject thread, string name) => thread["properties"]?[name] switch
    {
        JsonObject typed => typed["$value"]?.ToString(),
        JsonValue plain => plain.ToString(),
        _ => null,
    };

    private static string Explain(JsonNode error) => error["message"]?.ToString() ?? string.Empty;

    // Only marker names that cannot end the Markdown comment early: no ')' nor line break.
    [GeneratedRegex(@"^<!-- (mpg-[a-z]+:[^()\r\n]*?) -->$", RegexOptions.Multiline)]
    private static partial Regex HtmlMarker();
}
