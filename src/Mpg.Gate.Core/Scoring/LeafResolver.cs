using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>Finds the counts a policy leaf refers to in a run: the benchmark, then its metric.</summary>
public static class LeafResolver
{
    /// <summary>Metric names taken, in this order, when a leaf names none: the accuracy-like ones harnesses write.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = ["acc", "exact_match", "acc_norm", "em", "pass@1", "accuracy"];

    /// <summary>The leaf's counts, or null where the run does not hold its benchmark.</summary>
    /// <exception cref="PolicyException">The benchmark is there but has no such metric (or no accuracy-like one).</exception>
    public static ScoredLeaf? Resolve(PolicyNode leaf, EvalRun run)
    {
        var benchmark = run.Find(leaf.Benchmark!);
        if (benchmark is null)
        {
            return null;
        }

        var metric = FindMetric(leaf, benchmark);
        return new ScoredLeaf(leaf.Id, benchmark.Name, metric.Key, metric.N, metric.Successes, metric.NEstimated, metric.Source, benchmark.File, metric.Items, LeafFastness.From(metric.Items, benchmark.Timing))
        {
            Settings = benchmark.Settings,
        };
    }

    private static MetricResult FindMetric(PolicyNode leaf, BenchmarkResult benchmark)
    {
        var keys = benchmark.Metrics.Select(m => m.Key).ToList();
        var available = keys.Count == 0 ? "none" : string.Join(", ", keys);
        if (leaf.Metric is { } wanted)
        {
            var found = benchmark.Metrics.FirstOrDefault(m => m.Key == wanted)
                ?? Named(benchmark, wanted);
            return found ?? throw new PolicyException(
                leaf.Span,
                $"benchmark '{benchmark.Name}' has no metric '{wanted}' (with a value in [0,1]); it has: {available}",
                DidYouMean.Closest(wanted, keys) is { } close ? $"did you mean '{close}'?" : null);
        }

        foreach (var name in DefaultMetrics)
        {
            if (Named(benchmark, name) is { } metric)
            {
                return metric;
            }
        }

        throw new PolicyException(
            leaf.Span,
            $"benchmark '{benchmark.Name}' has no accuracy-like metric ({string.Join(", ", DefaultMetrics)}); name one with 'metric:'. It has: {available}");
    }

    /// <summary>By bare name (<c>acc</c>), preferring lm-eval's unfiltered variant <c>acc,none</c>.</summary>
    private static MetricResult? Named(BenchmarkResult benchmark, string name) =>
        benchmark.Metrics.Where(m => m.Name == name).OrderBy(m => m.Filter == "none" ? 0 : 1).FirstOrDefault();
}
