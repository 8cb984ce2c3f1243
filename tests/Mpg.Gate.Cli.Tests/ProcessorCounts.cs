using System.Diagnostics;

namespace Mpg.Gate.Cli.Tests;

/// <summary>The same inputs and seed give byte-identical scorecards, verdicts and reports whatever the number of cores.</summary>
public sealed class ProcessorCounts : IDisposable
{
    private readonly Mpg one = new();
    private readonly Mpg eight = new();

    public void Dispose()
    {
        one.Dispose();
        eight.Dispose();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void OneCoreAndEight_WriteTheSameBytes()
    {
        // Each in its own folder (policy included) under the same names; the verdict names the policy by its full path, the
        // one difference allowed.
        var outputs = new[] { (one, "1"), (eight, "8") }.Select(run =>
        {
            var (mpg, cores) = run;
            File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("suite.yml"));
            Run(mpg, cores, "score", "-p", "suite.yml", "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"), "-o", "baseline.json");
            Run(mpg, cores, "gate", "-p", "suite.yml", "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--baseline", "baseline.json",
                "--json", "verdict.json", "--report-md", "mpg.md", "--junit", "mpg.junit.xml");
            return new[] { "baseline.json", "verdict.json", "mpg.md", "mpg.junit.xml" }.Select(f => File.ReadAllText(mpg.PathOf(f)).Replace(mpg.WorkingDirectory, "WORKDIR", StringComparison.Ordinal)).ToList();
        }).ToList();

        for (var i = 0; i < outputs[0].Count; i++)
        {
            Assert.Equal(outputs[0][i], outputs[1][i]);
        }
    }

    private static void Run(Mpg mpg, string cores, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = mpg.WorkingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mpg.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_PROCESSOR_COUNT"] = cores;
        start.Environment["SOURCE_DATE_EPOCH"] = "1767225600";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"exit {process.ExitCode}: {stderr.Result}");
    }
}
