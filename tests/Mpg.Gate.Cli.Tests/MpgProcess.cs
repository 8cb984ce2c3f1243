using System.Diagnostics;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The real <c>mpg</c> in a child process, for conditions a process has of its own (a capped GC heap, a file size
/// limit) that must not touch the test host. With a <paramref name="shell"/> prefix the command runs under bash, which
/// sets the condition and then execs dotnet, so the limit is the mpg process's own.
/// </summary>
internal static class MpgProcess
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    public static async Task<Mpg.Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? shell, params string[] args)
    {
        var dotnet = new List<string> { "dotnet", Path.Combine(AppContext.BaseDirectory, "mpg.dll") };
        dotnet.AddRange(args);
        var start = new ProcessStartInfo(shell is null ? "dotnet" : "bash") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (shell is not null)
        {
            // bash -c 'PREFIX; exec "$@"' mpg dotnet mpg.dll ARGS…: the arguments reach dotnet unquoted and untouched.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(shell + "; exec \"$@\"");
            start.ArgumentList.Add("mpg");
        }

        foreach (var arg in shell is null ? dotnet.Skip(1) : dotnet)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Generous);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpg {string.Join(' ', args)} did not finish in {Generous.TotalMinutes} minutes");
        }

        return new Mpg.Result(process.ExitCode, await stdout, await stderr);
    }
}
