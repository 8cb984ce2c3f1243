using System.Diagnostics;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Benchmarks;

/// <summary>
/// Where `mpg rank` spends its time, phase by phase (Stopwatch, one run): the profile behind the ranking figures of
/// docs/PERFORMANCE.md. The leaderboard is bench/rank/generate.py's.
/// </summary>
public static class RankPhases
{
    public static void Run(string leaderboard, int samples)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(leaderboard))!;
        var policyFile = Path.Combine(folder, "mpg.yml");
        File.WriteAllText(policyFile, $"version: 1\nsamples: {samples}\n");
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var policy = PolicyLoader.Load(policyFile);
        Report("policy", clock);
        var entries = RankEntry.From(RunLoader.LoadEach(policy, [leaderboard], folder));
        Report($"read {entries.Count} runs", clock);
        var tree = Ranker.TreeFor(policy, entries, MissingBenchmarks.Drop);
        Report($"default tree ({tree.Children.Count} leaves)", clock);
        var ranking = Ranker.Rank(policy, tree, entries, MissingBenchmarks.Drop, new ScoreContext("bench", DateTimeOffset.UnixEpoch, "", folder));
        Report($"rank ({ranking.Models.Count} models, {samples} draws)", clock);
        var json = Mpg.Gate.Serialization.RankingFile.ToJson(ranking);
        Report($"json ({json.Length / 1024} KiB, sha256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..16]})", clock);
    }

    private static TimeSpan cpu;

    private static void Report(string phase, Stopwatch clock)
    {
        // CPU time beside wall time: on a shared machine the wall time says more about the neighbours than about us.
        var now = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds,8:F2} s wall {(now - cpu).TotalSeconds,8:F2} s CPU  {phase}"));
        cpu = now;
        clock.Restart();
    }
}
