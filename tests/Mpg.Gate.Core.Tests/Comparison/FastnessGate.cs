using Mpg.Gate.Comparison;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Comparison;

public class FastnessGate
{
    private static readonly ScoreContext ScoreAt = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");
    private static readonly GateContext GateAt = new("test", DateTimeOffset.UnixEpoch, "baseline.json");
    private static readonly PolicyNode Tree = Root(Weighting.Equal, Leaf("a"), Leaf("b"));

    /// <summary>A run of two benchmarks whose items took <paramref name="scale"/> × a fixed spread of latencies (ms).</summary>
    private static EvalRun Run(string model, double scale, int seed)
    {
        var random = new Random(seed);
        BenchmarkResult Benchmark(string name) => new(
            name,
            [],
            [new MetricResult("acc,none", 400, 280, false, MetricSource.Samples, 0.7, Enumerable.Range(0, 400)
                .Select(i => new ItemOutcome($"{i}", i % 10 < 7 ? 1 : 0, LatencyMs: scale * (200 + (800 * random.NextDouble())), Cost: 0.002))
                .ToList())],
            "samples.jsonl");
        return new EvalRun(model, [Benchmark("a"), Benchmark("b")], null, ["samples.jsonl"]);
    }

    private static GatePolicy Policy(bool fail) =>
        PolicyOf(Tree) with { Gate = PolicyOf(Tree).Gate with { Fastness = new FastnessRule(0.9, fail, Here) } };

    [Fact]
    public void LeafFastness_FromItemLatencies()
    {
        var items = new[] { 100.0, 200, 300, 400 }.Select((l, i) => new ItemOutcome($"{i}", 1, LatencyMs: l, Cost: 0.01)).ToList();

        var f = LeafFastness.From(items, null)!;

        Assert.Equal(1000 / 250.0, f.Qps!.Value, 12);
        Assert.Equal(250, f.LatencyP50Ms!.Value, 12);
        Assert.Equal(385, f.LatencyP95Ms!.Value, 12); // type 7: 300 + 0.85·100
        Assert.Equal(10, f.CostPer1k!.Value, 12);
        Assert.Equal(LeafFastness.Items, f.Source);
    }

    [Fact]
    public void TreeQps_IsTheWeightedHarmonicMean()
    {
        Assert.Equal(15, LeafFastness.Combine(FastnessMetric.Qps, [(0.5, 10), (0.5, 30)])!.Value, 12);
        Assert.Equal(20, LeafFastness.Combine(FastnessMetric.CostPer1k, [(0.5, 10), (0.5, 30)])!.Value, 12);
        Assert.Null(LeafFastness.Combine(FastnessMetric.Qps, [(0.5, 10), (0.5, null)]));
    }

    [Fact]
    [Trait("Category", "Slow")] // bootstraps per-item latencies of many leaves: seconds
    public void TwiceAsSlow_FailsWithAnIntervalAroundOneHalf()
    {
        var policy = Policy(fail: true);

        var verdict = Comparer.Compare(policy, Scorer.Score(policy, Run("base", 1, 1), ScoreAt), Scorer.Score(policy, Run("cand", 2, 2), ScoreAt), GateAt);

        Assert.Equal(FastnessStatus.Fail, verdict.Fastness.Status);
        Assert.Equal(VerdictResult.Fail, verdict.Result);
        Assert.InRange(verdict.Fastness.Ratio!.Value, 0.45, 0.55);
        Assert.True(verdict.Fastness.RatioLower < verdict.Fastness.Ratio && verdict.Fastness.Ratio < verdict.Fastness.RatioUpper);
        Assert.True(verdict.Fastness.PBelow > 0.999);
    }

    [Fact]
    [Trait("Category", "Slow")] // bootstraps per-item latencies of many leaves: seconds
    public void SameSpeed_IsOkAndOnlyWarnsWhenAsked()
    {
        var policy = Policy(fail: false);

        var verdict = Comparer.Compare(policy, Scorer.Score(policy, Run("base", 1, 1), ScoreAt), Scorer.Score(policy, Run("cand", 1, 3), ScoreAt), GateAt);

        Assert.Equal(FastnessStatus.Ok, verdict.Fastness.Status);
        Assert.InRange(verdict.Fastness.Ratio!.Value, 0.9, 1.1);
        Assert.True(verdict.Fastness.PBelow < 0.5);
        Assert.Equal("items", Scorer.Score(policy, Run("base", 1, 1), ScoreAt).Fastness.Scope);
    }

    [Fact]
    [Trait("Category", "Slow")] // bootstraps per-item latencies of many leaves: seconds
    public void BootstrapOfTheMean_HasTheExactMoments()
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, 500).Select(_ => 100 + (900 * random.NextDouble())).ToList();

        var draws = DirichletMeans.MeanOf(values, 100_000, TreeSampler.UniformFor(1, "bb", "mean"));

        // Rounding to 4 significant digits moves each value by < 0.05%; the moments are checked against the rounded values' own.
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count * (values.Count + 1.0));
        var s = DrawSummary.Of(draws, 0.95);
        Assert.Equal(mean, s.Mean, (4 * Math.Sqrt(variance / draws.Length)) + (0.0005 * mean));
        Assert.InRange(s.Sd * s.Sd, variance * 0.97, variance * 1.03);
    }
}
