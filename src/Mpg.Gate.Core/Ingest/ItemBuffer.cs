using System.Collections;
using System.Runtime.InteropServices;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Per-item sums for large tables, kept in columns (one list per field) beside the ids (<see cref="ItemIds"/>, their
/// characters in one array): no object and no struct of nullables per item, so a million items cost their ids'
/// characters and a few doubles each, and the GC has a handful of large arrays to trace instead of a list of ~100-byte
/// structs and a million strings (docs/PERFORMANCE.md, "Where the CSV reader's time goes"). Repeats of an id are
/// averaged; order is first appearance.
/// </summary>
internal sealed class ItemBuffer
{
    // Which of the nullable sums became null: a null in any repeat makes the item's sum null (as double? + null).
    private const byte NoLatency = 1, NoCost = 2, NoTokens = 4;

    private readonly ItemIds ids = new();
    private readonly List<double> scores = [];
    private readonly List<int> counts = [];
    private readonly List<double> latencies = [];
    private readonly List<double> costs = [];
    private readonly List<double> tokens = [];
    private readonly List<byte> missing = [];
    private readonly List<ItemExcerpt?> excerpts = [];

    // Clusters and repeat ranges are absent from most tables: each list is made (filled with nulls so far) only when
    // the first item has one, so a table without them costs nothing per item, and "any item has one" is "list is not null".
    private List<string?>? clusters;
    private List<RepeatRange?>? repeats;

    /// <param name="excerpt">What the item asked and answered; kept for its first answer, and for the first <see cref="ItemExcerpt.MaxItems"/> items only.</param>
    public void Add(ReadOnlySpan<char> id, double score, double? latencyMs, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt = null) =>
        Add(ids.IndexOf(id, out var added), added, score, latencyMs, cost, tokens, cluster, excerpt);

    /// <summary>An item whose id is given as its UTF-8 bytes (a CSV field), so that no characters are made for it.</summary>
    /// <inheritdoc cref="Add(ReadOnlySpan{char}, double, double?, double?, double?, string?, ItemExcerpt?)"/>
    /// <param name="hash">What <see cref="Prefetch"/> gave for <paramref name="id"/>, no other item added since.</param>
    public void AddUtf8(ReadOnlySpan<byte> id, int hash, double score, double? latencyMs, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt = null) =>
        Add(ids.IndexOf(id, hash, out var added), added, score, latencyMs, cost, tokens, cluster, excerpt);

    /// <inheritdoc cref="ItemIds.Prefetch"/>
    public int Prefetch(ReadOnlySpan<byte> id) => ids.Prefetch(id);

    private void Add(int slot, bool added, double score, double? latencyMs, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt)
    {
        if (added)
        {
            scores.Add(score);
            counts.Add(1);
            latencies.Add(latencyMs ?? 0);
            costs.Add(cost ?? 0);
            this.tokens.Add(tokens ?? 0);
            missing.Add((byte)((latencyMs is null ? NoLatency : 0) | (cost is null ? NoCost : 0) | (tokens is null ? NoTokens : 0)));
            clusters?.Add(cluster);
            if (cluster is not null && clusters is null)
            {
                clusters = Nulls<string?>(slot + 1);
                clusters[slot] = cluster;
            }

            repeats?.Add(null);
            if (excerpt is not null && slot < ItemExcerpt.MaxItems)
            {
                while (excerpts.Count < slot)
                {
                    excerpts.Add(null);
                }

                excerpts.Add(excerpt);
            }

            return;
        }

        // A repeat. While the count is 1 the score column holds the first answer's score as it was read.
        var i = slot;
        var count = CollectionsMarshal.AsSpan(counts);
        var sum = CollectionsMarshal.AsSpan(scores);
        repeats ??= Nulls<RepeatRange?>(ids.Count);
        var ranges = CollectionsMarshal.AsSpan(repeats);
        ranges[i] = RepeatRange.Add(ranges[i], sum[i], score);
        sum[i] += score;
        count[i]++;
        CollectionsMarshal.AsSpan(latencies)[i] += latencyMs ?? 0;
        CollectionsMarshal.AsSpan(costs)[i] += cost ?? 0;
        CollectionsMarshal.AsSpan(this.tokens)[i] += tokens ?? 0;
        CollectionsMarshal.AsSpan(missing)[i] |= (byte)((latencyMs is null ? NoLatency : 0) | (cost is null ? NoCost : 0) | (tokens is null ? NoTokens : 0));
        if (cluster is not null && (clusters is null || clusters[i] is null))
        {
            clusters ??= Nulls<string?>(ids.Count);
            clusters[i] = cluster;
        }
    }

    public int Count => ids.Count;

    public MetricResult ToMetric(string key) => MetricResult.FromItems(key, ToOutcomes());

    /// <summary>
    /// The items as <see cref="ItemOutcome"/>s, made on demand from the columns rather than copied into a list of
    /// structs; <see cref="Scoring.ItemTable.From"/> takes the columns as they are. A snapshot: later adds are not in it.
    /// </summary>
    public ItemColumns ToOutcomes()
    {
        var n = ids.Count;
        var mean = new double[n];
        double?[]? latency = null, cost = null;
        long?[]? token = null;
        for (var i = 0; i < n; i++)
        {
            mean[i] = Mean(scores[i], counts[i]);
        }

        // A column of nulls is no column (ItemTable leaves it out, as it did for a list of outcomes without one).
        if (missing.Any(m => (m & NoLatency) == 0))
        {
            latency = new double?[n];
            for (var i = 0; i < n; i++)
            {
                latency[i] = (missing[i] & NoLatency) != 0 ? null : Mean(latencies[i], counts[i]);
            }
        }

        if (missing.Any(m => (m & NoCost) == 0))
        {
            cost = new double?[n];
            for (var i = 0; i < n; i++)
            {
                cost[i] = (missing[i] & NoCost) != 0 ? null : Mean(costs[i], counts[i]);
            }
        }

        if (missing.Any(m => (m & NoTokens) == 0))
        {
            token = new long?[n];
            for (var i = 0; i < n; i++)
            {
                token[i] = (missing[i] & NoTokens) != 0 ? null : (long)Math.Round(Mean(tokens[i], counts[i]));
            }
        }

        return new ItemColumns(ids.ToArray(), mean, latency, cost, token, clusters?.ToArray(), repeats?.ToArray(), excerpts.Count > 0 ? [.. excerpts] : null);
    }

    // The sums were kept from the first value, not from 0 as a sum of nullables starts: 0.0 + sum is that sum to the
    // bit (they can differ only in the sign of a zero, and 0.0 + -0.0 is 0.0), so the means are the bytes they were.
    private static double Mean(double sum, int count) => (0.0 + sum) / count;

    private static List<T> Nulls<T>(int count)
    {
        var list = new List<T>(Math.Max(count, 16));
        CollectionsMarshal.SetCount(list, count);
        return list;
    }
}

/// <summary>
/// Per-item outcomes as parallel columns, read as a list of <see cref="ItemOutcome"/> made one at a time. A column that
/// is null has no value for any item; <see cref="Excerpts"/> may be shorter than the list (the rest have none).
/// </summary>
internal sealed class ItemColumns(
    string[] ids,
    double[] scores,
    double?[]? latenciesMs,
    double?[]? costs,
    long?[]? tokens,
    string?[]? clusters,
    RepeatRange?[]? repeats,
    ItemExcerpt?[]? excerpts) : IReadOnlyList<ItemOutcome>
{
    public string[] Ids => ids;

    public double[] Scores => scores;

    public double?[]? LatenciesMs => latenciesMs;

    public double?[]? Costs => costs;

    public string?[]? Clusters => clusters;

    public RepeatRange?[]? Repeats => repeats;

    public ItemExcerpt?[]? Excerpts => excerpts;

    public int Count => ids.Length;

    public ItemOutcome this[int index] => new(
        ids[index], scores[index], latenciesMs?[index], costs?[index], tokens?[index], clusters?[index], repeats?[index],
        excerpts is not null && index < excerpts.Length ? excerpts[index] : null);

    public IEnumerator<ItemOutcome> GetEnumerator()
    {
        for (var i = 0; i < ids.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
