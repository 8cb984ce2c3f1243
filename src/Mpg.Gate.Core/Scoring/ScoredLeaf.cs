using Mpg.Gate.Ingest;

namespace Mpg.Gate.Scoring;

/// <summary>A policy leaf matched to the run's counts: what the leaf posterior is built from.</summary>
public sealed record ScoredLeaf(
    string Id,
    string Benchmark,
    string Metric,
    int N,
    double Successes,
    bool NEstimated,
    MetricSource Source,
    string File,
    IReadOnlyList<ItemOutcome>? Items,
    LeafFastness? Fastness = null,
    string? NEstimatedReason = null)
{
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
