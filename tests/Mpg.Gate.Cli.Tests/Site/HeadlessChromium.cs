using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>, which <c>.ci/run</c> installs) driven over the DevTools protocol
/// on its WebSocket: load a page, collect every console error, uncaught exception and browser log error (CSP
/// violations, missing files), evaluate expressions in the page, take screenshots. No browser, no test: it fails.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly string profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private Task? receiving;
    private string session = "";
    private int lastId;
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>What went wrong in the pages loaded so far: console errors, exceptions, log entries of level error.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static string Binary => Environment.GetEnvironmentVariable("MPG_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<HeadlessChromium> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"the browser tests need Chromium at {Binary} (Debian: apt-get install -y --no-install-recommends chromium; .ci/run installs it), or MPG_CHROMIUM naming one");
        var profile = Directory.CreateTempSubdirectory("mpg-chromium-").FullName;
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--hide-scrollbars", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            const string listening = "DevTools listening on ";
            if (e.Data?.IndexOf(listening, StringComparison.Ordinal) is >= 0 and var at)
            {
                endpoint.TrySetResult(e.Data[(at + listening.Length)..].Trim());
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var url = await endpoint.Task.WaitAsync(Patience);
        await browser.ConnectAsync(new Uri(url));
        return browser;
    }

    private async Task ConnectAsync(Uri url)
    {
        await socket.ConnectAsync(url, stop.Token);
        receiving = Task.Run(ReceiveAsync);
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, browserLevel: true);
        session = attached.GetProperty("sessionId").GetString()!;
        await SendAsync("Page.enable");
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1400, ["height"] = 1000, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    /// <summary>Loads the page and waits for its load event.</summary>
    public async Task OpenAsync(string file, bool dark = false)
    {
        await SendAsync("Emulation.setEmulatedMedia", new JsonObject
        {
            ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = dark ? "dark" : "light" }),
        });
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(file).AbsoluteUri });
        Assert.False(navigation.TryGetProperty("errorText", out var error), $"{file}: {error}");
        await loaded.Task.WaitAsync(Patience);
    }

    /// <summary>The value of a JavaScript expression in the page (the browser's own evaluation; the page itself has no script).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        Assert.False(result.TryGetProperty("exceptionDetails", out var failure), $"{expression}: {failure}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<int> CountAsync(string selector) =>
        (await EvaluateAsync($"document.querySelectorAll({JsonSerializer.Serialize(selector)}).length")).GetInt32();

    /// <summary>The whole page as a PNG, at 1400 px wide.</summary>
    public async Task ScreenshotAsync(string path, int maxHeight = 1400)
    {
        var height = Math.Min(maxHeight, (await EvaluateAsync("document.documentElement.scrollHeight")).GetInt32());
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = 1400, ["height"] = height, ["scale"] = 1 },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        var id = Interlocked.Increment(ref lastId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel)
        {
            message["sessionId"] = session;
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, stop.Token);
        return await reply.Task.WaitAsync(Patience);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var part = await socket.ReceiveAsync(buffer, stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                Dispatch(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser closed, or we did.
        }

        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("the browser closed the DevTools connection"));
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && pending.TryRemove(id.GetInt32(), out var reply))
        {
            if (message.TryGetProperty("error", out var error))
            {
                reply.TrySetException(new InvalidOperationException(error.ToString()));
            }
            else
            {
                reply.TrySetResult(message.GetProperty("result"));
            }

            return;
        }

        if (!message.TryGetProperty("method", out var method))
        {
            return;
        }

        var p = message.GetProperty("params");
        switch (method.GetString())
        {
            case "Page.loadEventFired":
                loaded.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue($"exception: {p.GetProperty("exceptionDetails")}");
                break;
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue($"console.{p.GetProperty("type").GetString()}: {p.GetProperty("args")}");
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue($"log: {p.GetProperty("entry").GetProperty("text").GetString()} ({p.GetProperty("entry").TryGetProperty("url", out var url) switch { true => url.GetString(), _ => "" }})");
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await SendAsync("Browser.close", browserLevel: true).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or WebSocketException)
        {
            // Killed below either way.
        }

        await stop.CancelAsync();
        if (receiving is not null)
        {
            await receiving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        socket.Dispose();
        stop.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A crash-reporter file may still be open; the folder is in /tmp.
        }
    }
}
