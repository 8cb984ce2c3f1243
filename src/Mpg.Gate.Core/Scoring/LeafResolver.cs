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
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(run);
        return run.Find(leaf.Benchmark!) is { } benchmark ? Resolve(leaf, benchmark) : null;
    }

    /// <summary>The leaf's counts in <paramref name="benchmark"/>, the run's task of the leaf's name (for callers that index a run's tasks once).</summary>
    /// <exception cref="PolicyException">The benchmark has no such metric (or no accuracy-like one).</exception>
    public static ScoredLeaf Resolve(PolicyNode leaf, BenchmarkResult benchmark)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(benchmark);
        var metric = FindMetric(leaf, benchmark);
        if (metric.N == 0)
        {
            // Nothing scores from nothing: a leaf of no items would report the prior as its accuracy.
            throw new InputException(benchmark.File, $"benchmark '{benchmark.Name}': metric '{metric.Key}' counts 0 items; there is nothing to score");
        }

        return new ScoredLeaf(leaf.Id, benchmark.Name, metric.Key, metric.N, metric.Successes, metric.NEstimated, metric.Source, benchmark.File, metric.Items, LeafFastness.From(metric.Items, benchmark.Timing), metric.NEstimatedReason)
        {
            Settings = benchmark.Settings,
        };
    }

    private static MetricResult FindMetric(PolicyNode leaf, BenchmarkResult benchmark)
    {
        if (leaf.Metric is { } wanted)
        {
            var found = benchmark.Metrics.FirstOrDefault(m => m.Key == wanted)
                ?? Named(benchmark, wanted);
            if (found is not null)
            {
                return found;
            }

            // The metric is in the file with a value that cannot be scored: the input is at fault, not the policy.
            if (benchmark.Unusable.FirstOrDefault(u => u.Key == wanted || u.Name == wanted) is { } bad)
            {
                throw Unusable(benchmark, bad);
            }

            throw new PolicyException(
                leaf.Span,
                $"benchmark '{benchmark.Name}' has no metric '{wanted}'; it has: {benchmark.MetricList()}",
                DidYouMean.Closest(wanted, [.. benchmark.Metrics.Select(m => m.Key), .. benchmark.Unusable.Select(u => u.Key)]) is { } close ? $"did you mean '{close}'?" : null);
        }

        foreach (var name in DefaultMetrics)
        {
            if (Named(benchmark, name) is { } metric)
            {
                return metric;
            }
        }

        if (benchmark.Metrics.Count == 0 && benchmark.Unusable.FirstOrDefault(u => DefaultMetrics.Contains(u.Name)) is { } unusable)
        {
            throw Unusable(benchmark, unusable);
        }

        throw new PolicyException(
            leaf.Span,
            $"benchmark '{benchmark.Name}' has no accuracy-like metric ({string.Join(", ", DefaultMetrics)}); name one with 'metric:'. It has: {benchmark.MetricList()}");
    }

    private static InputException Unusable(BenchmarkResult benchmark, UnusableMetric bad) =>
        new(bad.File, $"benchmark '{benchmark.Name}': metric '{bad.Key}' is {bad.Value}, not a proportion in [0,1] that can be scored");

    /// <summary>By bare name (<c>acc</c>), preferring lm-eval's unfiltered variant <c>acc,none</c>.</summary>
    private static MetricResult? Named(BenchmarkResult benchmark, string name)
    {
        // A loop on the key's text rather than m.Name and m.Filter, which split strings: ranking resolves every leaf
        // of every model, and the allocations were most of its time before the draws.
        MetricResult? first = null;
        foreach (var m in benchmark.Metrics)
        {
            var key = m.Key;
            if (!key.StartsWith(name, StringComparison.Ordinal) || (key.Length > name.Length && key[name.Length] != ','))
            {
                continue;
            }

            // No filter (a bare key) counts as lm-eval's "none", as MetricResult.Filter says.
            if (key.Length == name.Length || (key.Length == name.Length + 5 && key.EndsWith(",none", StringComparison.Ordinal)))
            {
                return m;
            }

            first ??= m;
        }

        return first;
    }
}
