using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mpg.Gate.Review;

/// <summary>One JSON answer: its status, body (null where empty or not JSON) and headers.</summary>
internal sealed record RestAnswer(int Status, JsonNode? Body, HttpResponseHeaders Headers);

/// <summary>
/// JSON over HTTP to a code host's REST API (GitLab, Azure DevOps), with HttpClient and JsonNode (no
/// reflection: the CLI is NativeAOT). Every status that is not a success becomes a <see cref="ReviewFault"/>
/// of its kind, with the wait the host asked for; the token is redacted from every message.
/// </summary>
internal sealed class RestConnection : IDisposable
{
    private readonly HttpClient client;
    private readonly string secret;
    private readonly string hostName;
    private readonly Func<JsonNode, string> explain;
    private readonly TimeProvider clock;

    /// <param name="authorize">Adds the credentials to each request (GitLab: PRIVATE-TOKEN; Azure DevOps: Bearer).</param>
    /// <param name="explain">The host's error text from an error body (GitLab "message", Azure DevOps "message" with its TF code).</param>
    /// <param name="caFile">A PEM file of extra certificate authorities to trust (GitLab's CI_SERVER_TLS_CA_FILE for a self-hosted server).</param>
    public RestConnection(string hostName, string token, Action<HttpRequestHeaders> authorize, TimeSpan timeout, Func<JsonNode, string> explain, string? caFile = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(authorize);
        this.hostName = hostName;
        secret = token;
        this.explain = explain;
        this.clock = clock ?? TimeProvider.System;
        var handler = new SocketsHttpHandler();
        if (caFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities);
        }

        client = new HttpClient(handler) { Timeout = timeout };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("mpg-gate", typeof(RestConnection).Assembly.GetName().Version?.ToString(3) ?? "0"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        authorize(client.DefaultRequestHeaders);
    }

    public async Task<RestAnswer> SendAsync(HttpMethod method, Uri address, JsonNode? body, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(method, address);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ReviewFault(FaultKind.Timeout, null, $"no answer from {address.Host} in time");
        }
        catch (HttpRequestException e)
        {
            throw new ReviewFault(FaultKind.Unreachable, null, Secret.Redact($"cannot reach {address.Host}: {Innermost(e)}", secret));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            var json = Parse(text);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new RestAnswer(status, json, response.Headers);
            }

            throw Fault(status, json, text, response.Headers);
        }
    }

    public void Dispose() => client.Dispose();

    private ReviewFault Fault(int status, JsonNode? json, string text, HttpResponseHeaders headers)
    {
        var said = Secret.Redact(Said(json, text), secret);
        var wait = RetryAfter(headers);
        return status switch
        {
            429 => new ReviewFault(FaultKind.RateLimited, status, $"too many requests (429): {said}", wait),
            401 => new ReviewFault(FaultKind.Unauthorized, status, $"the token was refused (401): {said}"),
            403 => new ReviewFault(FaultKind.Forbidden, status, $"forbidden (403): {said}"),
            404 => new ReviewFault(FaultKind.NotFound, status, $"not found (404): {said}"),
            400 or 422 => new ReviewFault(FaultKind.Invalid, status, $"rejected ({status.ToString(CultureInfo.InvariantCulture)}): {said}"),
            >= 500 => new ReviewFault(FaultKind.ServerError, status, $"server error ({status.ToString(CultureInfo.InvariantCulture)}): {said}", wait),
            _ => new ReviewFault(FaultKind.Other, status, $"unexpected answer from {hostName} ({status.ToString(CultureInfo.InvariantCulture)}): {said}"),
        };
    }

    private string Said(JsonNode? json, string text)
    {
        var said = json is JsonObject ? explain(json) : string.Empty;
        if (said.Length == 0)
        {
            said = text.Length > 200 ? text[..200] + "…" : text;
        }

        return said.ReplaceLineEndings(" ").Trim();
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta)
            {
                return delta;
            }

            if (retry.Date is { } date)
            {
                var wait = date - clock.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    /// <summary>The system's trust, or a chain that ends in one of the given authorities.</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
