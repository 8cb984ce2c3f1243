using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Ranking;

/// <summary>In-memory runs (benchmark counts only) and a flat equal-weight policy, for ranking tests that need no files.</summary>
internal static class GeneratedRuns
{
    public static readonly ScoreContext Context = new("test", DateTimeOffset.UnixEpoch, "sha256:test", Path.GetTempPath());

    public static EvalRun Run(string model, params (string Benchmark, int N, double Successes)[] benchmarks) =>
        new(model, benchmarks.Select(b => new BenchmarkResult(b.Benchmark, [], [new MetricResult("accuracy", b.N, b.Successes, false, MetricSource.Results, b.N > 0 ? b.Successes / b.N : null, null)], "generated.csv")).ToList(), null, ["generated.csv"]);

    public static GatePolicy Policy(int samples = 20_000, int seed = 1, string yamlTree = "") =>
        PolicyLoader.Parse($"version: 1\nsamples: {samples}\nseed: {seed}\n{yamlTree}", Path.Combine(Path.GetTempPath(), "mpg.yml"));

    public static Mpg.Gate.Ranking.Ranking Rank(GatePolicy policy, IReadOnlyList<EvalRun> runs, MissingBenchmarks missing = MissingBenchmarks.Drop)
    {
        var entries = RankEntry.From(runs.Select(r => (r, (string?)null)).ToList());
        return Ranker.Rank(policy, Ranker.TreeFor(policy, entries, missing), entries, missing, Context);
    }
}
