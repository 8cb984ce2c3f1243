using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mpg.Gate.Review.Tests;

/// <summary>One request as the server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A code host's REST API double on Kestrel, 127.0.0.1, port 0: records every request and can be told to
/// answer the next ones with an error status, body and headers, as the real service would.
/// </summary>
internal abstract class FakeApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, JsonNode Body, (string Name, string Value)[] Headers)> faults = new();
    private WebApplication app = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Address { get; private set; } = null!;

    public IEnumerable<RecordedRequest> Writes => Requests.Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE");

    protected object Gate { get; } = new();

    public void FailNext(int count, int status, JsonNode body, params (string Name, string Value)[] headers)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue((status, body.DeepClone(), headers));
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        Address = new Uri(app.Urls.First() + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Answers one authorized request; <paramref name="body"/> is the request's text.</summary>
    protected abstract Task Answer(HttpContext context, string body);

    /// <summary>Whether the request carries the one token the double accepts.</summary>
    protected abstract bool Authorized(HttpRequest request);

    protected static async Task Json(HttpResponse response, int status, JsonNode? node)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(node?.ToJsonString() ?? "null", Encoding.UTF8);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        Requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        if (faults.TryDequeue(out var fault))
        {
            foreach (var (name, value) in fault.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await Json(context.Response, fault.Status, fault.Body);
            return;
        }

        if (!Authorized(request))
        {
            await Json(context.Response, 401, new JsonObject { ["message"] = "401 Unauthorized" });
            return;
        }

        await Answer(context, body);
    }
}
