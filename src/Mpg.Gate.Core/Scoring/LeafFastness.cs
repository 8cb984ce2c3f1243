using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>
/// A leaf's Fastness: queries per second from per-item latencies (1000 / mean latency in ms, the rate one
/// sequential client gets) or from the task's own wall time, latency p50 and p95, and cost per 1,000 queries.
/// </summary>
public sealed record LeafFastness(double? Qps, double? LatencyP50Ms, double? LatencyP95Ms, double? CostPer1k, string Source)
{
    public const string Items = "items";
    public const string Benchmark = "benchmark";

    public double? Value(FastnessMetric metric) => metric switch
    {
        FastnessMetric.Qps => Qps,
        FastnessMetric.LatencyP50 => LatencyP50Ms,
        FastnessMetric.CostPer1k => CostPer1k,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>From per-item latencies and costs where every item has them, else the task's timing; null where neither.</summary>
    public static LeafFastness? From(IReadOnlyList<ItemOutcome>? items, RunTiming? taskTiming)
    {
        var latencies = items is { Count: > 0 } && items.All(i => i.LatencyMs is >= 0) ? items.Select(i => i.LatencyMs!.Value).ToArray() : null;
        var costs = items is { Count: > 0 } && items.All(i => i.Cost is >= 0) ? items.Select(i => i.Cost!.Value).ToArray() : null;
        if (latencies is not null && latencies.Average() > 0)
        {
            Array.Sort(latencies);
            return new LeafFastness(1000 / latencies.Average(), DrawSummary.Quantile(latencies, 0.5), DrawSummary.Quantile(latencies, 0.95), costs is null ? null : 1000 * costs.Average(), Items);
        }

        if (taskTiming is { WallSeconds: > 0, Items: > 0 } t)
        {
            return new LeafFastness(t.Items / t.WallSeconds, null, null, t.Cost is { } cost ? 1000 * cost / t.Items : costs is null ? null : 1000 * costs.Average(), Benchmark);
        }

        return costs is null ? null : new LeafFastness(null, null, null, 1000 * costs.Average(), Items);
    }

    /// <summary>
    /// The tree's value of <paramref name="metric"/> from its leaves' own Fastness, weighted as the scorecard's nodes
    /// say; null unless every leaf has one. Ranking uses it for cost beside a policy's other Fastness metric.
    /// </summary>
    public static double? OfTree(FastnessMetric metric, PolicyNode tree, IReadOnlyList<ScorecardNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var shares = TreeWeights.LeafShares(tree, nodes.ToDictionary(n => n.Id, n => n.Weight, StringComparer.Ordinal));
        return Combine(metric, nodes.Where(n => n.IsLeaf).Select(l => (shares[l.Id], l.Fastness?.Value(metric))).ToList());
    }

    /// <summary>
    /// Combines leaf values with the tree's weights: QPS as a weighted harmonic mean (the throughput of the tree's
    /// query mix), latency and cost as weighted arithmetic means. Null unless every leaf has a value.
    /// </summary>
    public static double? Combine(FastnessMetric metric, IReadOnlyList<(double Share, double? Value)> leaves)
    {
        if (leaves.Count == 0 || leaves.Any(l => l.Value is not > 0))
        {
            return null;
        }

        return metric == FastnessMetric.Qps
            ? 1 / leaves.Sum(l => l.Share / l.Value!.Value)
            : leaves.Sum(l => l.Share * l.Value!.Value);
    }
}
