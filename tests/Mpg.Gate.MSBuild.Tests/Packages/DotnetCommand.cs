using System.Diagnostics;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>Runs a real command (dotnet, or an installed tool) and captures what it printed.</summary>
internal static class DotnetCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Output Dotnet(string workingDirectory, string? packagesFolder, params string[] args) => Run(Host, workingDirectory, packagesFolder, args);

    public static Output Run(string fileName, string workingDirectory, string? packagesFolder, params string[] args) =>
        RunWith(new Dictionary<string, string>(), fileName, workingDirectory, packagesFolder, args);

    /// <summary>With these environment variables set besides the test host's own.</summary>
    public static Output RunWith(IReadOnlyDictionary<string, string> environment, string fileName, string workingDirectory, string? packagesFolder, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`: none of its MSBuild or test-platform settings may leak into the build under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        // No node or compiler server outlives the test (and holds its output pipes open).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        if (packagesFolder is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packagesFolder;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {Timeout}");
        }

        process.WaitForExit();
        return new Output(process.ExitCode, stdout.Result, stderr.Result);
    }

    internal sealed record Output(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;

        /// <summary>No .NET stack trace anywhere in what the user sees.</summary>
        public bool HasStackTrace => All.Contains("   at ", StringComparison.Ordinal) || All.Contains("Exception:", StringComparison.Ordinal);
    }
}
