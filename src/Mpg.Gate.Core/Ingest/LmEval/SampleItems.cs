using System.Globalization;
using System.Runtime.InteropServices;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// One metric's items of a samples file, their repeats (same doc_id) summed, in columns: a numeric doc_id is kept as a
/// number and its text made only once, when the outcomes are, so the scan leaves no string and no object per item
/// for the GC to trace and promote while the file is read (docs/PERFORMANCE.md, ingest). Outcomes are sorted by id:
/// numerically where every item's latest id was a JSON number, else by the ids' text.
/// </summary>
internal sealed class SampleItems
{
    private readonly Dictionary<long, int> byNumber = [];
    private readonly Dictionary<string, int> byText = new(StringComparer.Ordinal);
    private readonly List<long> numbers = [];
    private readonly List<bool> numeric = [];
    private readonly List<double> sums = [];
    private readonly List<int> counts = [];
    private readonly List<ItemExcerpt?> excerpts = [];

    // Made (filled with nulls so far) only once an item needs one: most files have no text ids, clusters or repeats.
    private List<string?>? texts;
    private List<string?>? clusters;
    private List<RepeatRange?>? repeats;

    public bool Usable { get; set; } = true;

    public int Count => sums.Count;

    /// <summary>True when <paramref name="id"/> is a new item among the first <see cref="ItemExcerpt.MaxItems"/>: only its first answer's excerpt is kept.</summary>
    public bool WantsExcerpt(DocId id) =>
        Count < ItemExcerpt.MaxItems && !(id.AsNumber() is { } n ? byNumber.ContainsKey(n) : byText.ContainsKey(id.Text!));

    public void Add(DocId id, double score, string? cluster, ItemExcerpt? excerpt)
    {
        var number = id.AsNumber();
        ref var slot = ref number is { } n
            ? ref CollectionsMarshal.GetValueRefOrAddDefault(byNumber, n, out var exists)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(byText, id.Text!, out exists);
        if (!exists)
        {
            slot = Count;
            numbers.Add(number ?? 0);
            numeric.Add(id.Text is null);
            sums.Add(0.0 + score);
            counts.Add(1);
            texts?.Add(null);
            if (number is null)
            {
                texts ??= Nulls<string?>(slot + 1);
                texts[slot] = id.Text;
            }

            clusters?.Add(cluster);
            if (cluster is not null && clusters is null)
            {
                clusters = Nulls<string?>(slot + 1);
                clusters[slot] = cluster;
            }

            repeats?.Add(null);
            if (excerpt is not null)
            {
                while (excerpts.Count < slot)
                {
                    excerpts.Add(null);
                }

                excerpts.Add(excerpt);
            }

            return;
        }

        // A repeat: the range is of the scores so far (the sum while the count is 1) and this one.
        var i = slot;
        repeats ??= Nulls<RepeatRange?>(Count);
        var sum = CollectionsMarshal.AsSpan(sums);
        var ranges = CollectionsMarshal.AsSpan(repeats);
        ranges[i] = RepeatRange.Add(ranges[i], sum[i], score);
        sum[i] += score;
        CollectionsMarshal.AsSpan(counts)[i]++;
        CollectionsMarshal.AsSpan(numeric)[i] = id.Text is null; // the item's latest line decides, as it always has
        if (cluster is not null && (clusters is null || clusters[i] is null))
        {
            clusters ??= Nulls<string?>(Count);
            clusters[i] = cluster;
        }
    }

    /// <summary>The items sorted by id, as columns (<see cref="Scoring.ItemTable.From"/> takes them as they are).</summary>
    public ItemColumns ToOutcomes()
    {
        var n = Count;
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = texts?[i] ?? numbers[i].ToString(CultureInfo.InvariantCulture);
        }

        // Ids are unique (one slot each), so the order is total and the unstable sort deterministic.
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        if (numeric.TrueForAll(x => x))
        {
            Array.Sort(numbers.ToArray(), order);
        }
        else
        {
            Array.Sort((string[])ids.Clone(), order, StringComparer.Ordinal);
        }

        var sortedIds = new string[n];
        var means = new double[n];
        var sortedClusters = clusters is null ? null : new string?[n];
        var sortedRepeats = repeats is null ? null : new RepeatRange?[n];
        var sortedExcerpts = excerpts.Count == 0 ? null : new ItemExcerpt?[n];
        for (var i = 0; i < n; i++)
        {
            var from = order[i];
            sortedIds[i] = ids[from];
            means[i] = sums[from] / counts[from];
            sortedClusters?[i] = clusters![from];
            sortedRepeats?[i] = repeats![from];
            sortedExcerpts?[i] = from < excerpts.Count ? excerpts[from] : null;
        }

        return new ItemColumns(sortedIds, means, null, null, null, sortedClusters, sortedRepeats, sortedExcerpts);
    }

    private static List<T> Nulls<T>(int count)
    {
        var list = new List<T>(Math.Max(count, 16));
        CollectionsMarshal.SetCount(list, count);
        return list;
    }
}
