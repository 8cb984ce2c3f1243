using BenchmarkDotNet.Attributes;
using Mpg.Gate.Comparison;
using Mpg.Gate.Ingest;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Benchmarks;

/// <summary>
/// A scorecard of 200 benchmark leaves at 20,000 draws each (budget: ≤ 50 ms): the draws alone on one core, and the whole
/// scorer (draws on every core, the tree, the summaries) on an equal-weight tree of the 200.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmark
{
    private readonly string[] leaves = [.. Enumerable.Range(0, 200).Select(i => $"leaf-{i}")];
    private GatePolicy policy = null!;
    private EvalRun run = null!;

    // Posteriors of a few hundred to a few thousand items, as real benchmarks have.
    private static (int N, int Successes) Counts(int i) => (500 + (10 * i), 300 + (7 * i));

    [GlobalSetup]
    public void Setup()
    {
        policy = PolicyLoader.Parse("version: 1\nsamples: 20000\n", Path.Combine(Path.GetTempPath(), "mpg.yml"));
        run = new EvalRun(
            "bench",
            [.. leaves.Select((id, i) => new BenchmarkResult(id, [], [new MetricResult("acc", Counts(i).N, Counts(i).Successes, false, MetricSource.Results, null, null)], "results.json"))],
            null,
            ["results.json"]);
    }

    [Benchmark]
    public double DrawsOnOneCore()
    {
        var sum = 0.0;
        for (var i = 0; i < leaves.Length; i++)
        {
            var posterior = new BetaPosterior(1 + Counts(i).Successes, 1 + Counts(i).N - Counts(i).Successes);
            sum += TreeSampler.DrawLeaf(posterior, 20_000, TreeSampler.UniformFor(1, "bench", leaves[i]))[0];
        }

        return sum;
    }

    /// <summary>The same draws as the scorer makes them: each leaf from its own stream, the leaves spread over the cores.</summary>
    [Benchmark]
    public double DrawsOnAllCores()
    {
        var nodes = leaves.Select((id, i) => (id, new BetaPosterior(1 + Counts(i).Successes, 1 + Counts(i).N - Counts(i).Successes))).ToList();
        return TreeSampler.DrawEach(nodes, 20_000, 1, "bench")[leaves[0]][0];
    }

    [Benchmark]
    public double ScoreTwoHundredLeaves() =>
        Scorer.Score(policy, run, new ScoreContext("bench", DateTimeOffset.UnixEpoch, "hash", Path.GetTempPath())).Goodness.Mean;
}

/// <summary>One benchmark of 1,000,000 binary items on both sides, paired item by item (budget ≤ 1 s).</summary>
[MemoryDiagnoser]
public class PairedBenchmark
{
    private ItemTable baseline = null!;
    private ItemTable candidate = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 1_000_000).Select(i => $"item-{i}").ToList();
        baseline = new ItemTable(ids, [.. ids.Select(_ => random.NextDouble() < 0.70 ? 1.0 : 0.0)]);
        candidate = new ItemTable(ids, [.. ids.Select(_ => random.NextDouble() < 0.69 ? 1.0 : 0.0)]);
    }

    [Benchmark]
    public int MillionPairedBinaryItems() =>
        PairedLeaf.Draw(baseline, candidate, 20_000, TreeSampler.UniformFor(1, "paired", "leaf"))!.Value.Counts.Broken;
}

/// <summary>The bundled paired example end to end in process (policy, both scorecards, the verdict), and its scorecard as JSON.</summary>
[MemoryDiagnoser]
public class GateBenchmark
{
    private GatePolicy policy = null!;
    private string folder = "";
    private Scorecard scorecard = null!;
    private string scorecardJson = "";

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Repository.Root, "examples", "paired");
        policy = PolicyLoader.Load(Path.Combine(folder, "mpg.yml"));
        scorecard = Run().Candidate;
        scorecardJson = ScorecardFile.ToJson(scorecard);
        Console.WriteLine($"// candidate scorecard: {scorecardJson.Length} chars, {scorecard.Nodes.Count} nodes");
    }

    private GateResult Run() => GateJob.Run(policy, new GateSides(null, null, []), folder, "bench", DateTimeOffset.UnixEpoch);

    [Benchmark]
    public VerdictResult PairedExampleGate() => Run().Verdict.Result;

    [Benchmark]
    public int ScorecardWrite() => ScorecardFile.ToJson(scorecard).Length;

    [Benchmark]
    public int ScorecardRead() => ScorecardFile.Parse(scorecardJson, "scorecard.json").Nodes.Count;
}

internal static class Repository
{
    /// <summary>The checkout this benchmark runs in: the first folder at or above the working directory with Mpg.Gate.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mpg.Gate.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("run the benchmarks from inside the repository (no Mpg.Gate.sln above " + Environment.CurrentDirectory + ")");
        }
    }
}
