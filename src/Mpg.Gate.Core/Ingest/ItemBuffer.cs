using System.Runtime.InteropServices;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Per-item sums for large tables: one struct per item in a list, an id-to-index map, no object per item, so millions
/// of items cost little more than their ids. Repeats of an id are averaged; order is first appearance.
/// </summary>
internal sealed class ItemBuffer
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private readonly List<Sums> sums = [];

    public void Add(string id, double score, double? latencyMs, double? cost, double? tokens, string? cluster)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, id, out var exists);
        if (!exists)
        {
            slot = ids.Count;
            ids.Add(id);
            sums.Add(new Sums { Latency = 0, Cost = 0, Tokens = 0 });
        }

        ref var item = ref CollectionsMarshal.AsSpan(sums)[slot];
        item.Repeats = item.Count == 0 ? null : RepeatRange.Add(item.Repeats, item.First, score);
        item.First = item.Count == 0 ? score : item.First;
        item.Score += score;
        item.Count++;
        item.Latency += latencyMs;
        item.Cost += cost;
        item.Tokens += tokens;
        item.Cluster ??= cluster;
    }

    public int Count => ids.Count;

    public MetricResult ToMetric(string key) => MetricResult.FromItems(key, ToOutcomes());

    public List<ItemOutcome> ToOutcomes()
    {
        var outcomes = new List<ItemOutcome>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var s = sums[i];
            outcomes.Add(new ItemOutcome(ids[i], s.Score / s.Count, s.Latency / s.Count, s.Cost / s.Count, s.Tokens is { } t ? (long)Math.Round(t / s.Count) : null, s.Cluster, s.Repeats));
        }

        return outcomes;
    }

    private struct Sums
    {
        public double Score;
        public int Count;
        public double? Latency;
        public double? Cost;
        public double? Tokens;
        public string? Cluster;
        public double First;
        public RepeatRange? Repeats;
    }
}
