using Mpg.Gate.Serialization;
using System.Diagnostics;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Reports, scorecards and baselines are written to a temporary file and renamed over the target, so a run killed at any
/// moment leaves the old file or the new one, whole. Real mpg processes, killed at staggered moments of their run.
/// </summary>
public sealed class KilledRuns : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void ARunKilledAnywhere_LeavesAWholeBaseline()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "baseline.json").ExitCode);
        // Kills every 200 ms into the run (then every quarter more, so a slow, loaded machine is not a long test), until a
        // run ends before its kill: the kills then covered the whole run, however long the machine took for it.
        var outcomes = new List<string>();
        var finished = false;
        for (var delay = 0; !finished; delay = delay < 2400 ? delay + 200 : delay * 5 / 4)
        {
            Assert.True(delay <= 300_000, "no mpg score run ended within five minutes");
            using var run = Start("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--samples", "200000", "-o", "baseline.json", "--report-md", "mpg.md");
            finished = run.WaitForExit(delay);
            if (!finished)
            {
                run.Kill(entireProcessTree: true);
            }

            run.WaitForExit();
            if (finished)
            {
                Assert.Equal(0, run.ExitCode);
            }

            var card = ScorecardFile.Read(mpg.PathOf("baseline.json")); // whole, or this throws
            outcomes.Add(card.Model);
            Assert.DoesNotContain(Directory.GetFiles(mpg.WorkingDirectory, "baseline.json*"), f => f != mpg.PathOf("baseline.json"));
        }

        // Early kills left the old baseline whole, the run that ended wrote the new one; no kill left half of either.
        Assert.Contains("meta-llama/Llama-3.2-1B", outcomes);
        Assert.Contains("Qwen/Qwen2.5-3B", outcomes);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = mpg.WorkingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mpg.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "true";
        return Process.Start(start)!;
    }
}
