using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// Which items broke and which were fixed under a node, and where the drop concentrates. Items pair by id exactly as
/// the gate pairs them (<see cref="ItemPairs"/>). A benchmark's shift is the gate's own paired draw of that leaf (same
/// stream, same numbers as the verdict); a cluster's is the same posterior over the cluster's items alone, on its own
/// seeded stream, so the order and the bytes are the same for the same inputs.
/// </summary>
public static class Explainer
{
    public const string ClusterStream = "explain";

    public static Explanation Of(GatePolicy policy, PolicyNode node, Scorecard baseline, Scorecard candidate)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(node);
        var items = new List<FlippedItem>();
        var shifts = new List<ClusterShift>();
        var unpaired = new List<string>();
        var paired = 0;
        foreach (var leaf in node.Leaves())
        {
            if (baseline.Find(leaf.Id)?.Items is not { } b || candidate.Find(leaf.Id)?.Items is not { } c)
            {
                unpaired.Add(leaf.Id);
                continue;
            }

            var matches = ItemPairs.Indices(b, c);
            if (matches.Count == 0)
            {
                unpaired.Add(leaf.Id);
                continue;
            }

            paired += matches.Count;
            foreach (var (i, j) in matches)
            {
                if (b.Scores[i] != c.Scores[j])
                {
                    items.Add(Flipped(leaf.Id, b, i, c, j));
                }
            }

            shifts.AddRange(Shifts(policy, leaf.Id, b, c, matches));
        }

        items.Sort(ItemOrder);
        shifts.Sort((x, y) => x.Delta != y.Delta ? x.Delta.CompareTo(y.Delta) : string.CompareOrdinal(x.Benchmark + "\0" + x.Cluster, y.Benchmark + "\0" + y.Cluster));
        return new Explanation(node.Id, paired, items.Count(i => i.Change == ItemChange.Broken), items.Count(i => i.Change == ItemChange.Fixed), shifts, items, unpaired);
    }

    /// <summary>The items of one run under <paramref name="node"/> whose repeats disagree, by benchmark then id.</summary>
    public static List<FlakyItem> Flaky(PolicyNode node, Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(card);
        var flaky = new List<FlakyItem>();
        foreach (var leaf in node.Leaves())
        {
            if (card.Find(leaf.Id)?.Items is not { Repeats: { } repeats } items)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (repeats[i] is { } r && r.Min != r.Max)
                {
                    var excerpt = items.Excerpts?[i];
                    flaky.Add(new FlakyItem(leaf.Id, items.Ids[i], r.K, r.Min, r.Max, items.Scores[i], excerpt?.Input, excerpt?.Target, excerpt?.Answer));
                }
            }
        }

        flaky.Sort((x, y) => string.CompareOrdinal(x.Benchmark, y.Benchmark) is var b && b != 0 ? b : IdOrder(x.Item, y.Item));
        return flaky;
    }

    private static FlippedItem Flipped(string benchmark, ItemTable b, int i, ItemTable c, int j)
    {
        var before = b.Excerpts?[i];
        var after = c.Excerpts?[j];
        return new FlippedItem(
            benchmark,
            c.Ids[j],
            c.Scores[j] < b.Scores[i] ? ItemChange.Broken : ItemChange.Fixed,
            b.Scores[i],
            c.Scores[j],
            after?.Input ?? before?.Input,
            after?.Target ?? before?.Target,
            before?.Answer,
            after?.Answer)
        {
            BaselineReason = before?.Reason,
            CandidateReason = after?.Reason,
            Cluster = c.Clusters?[j] ?? b.Clusters?[i],
        };
    }

    private static IEnumerable<ClusterShift> Shifts(GatePolicy policy, string leaf, ItemTable b, ItemTable c, List<(int B, int C)> matches)
    {
        var clustered = matches.Any(m => (c.Clusters?[m.C] ?? b.Clusters?[m.B]) is not null);
        if (!clustered)
        {
            // The leaf as the gate draws it.
            if (Shift(policy, leaf, null, b, c, TreeSampler.UniformFor(policy.Seed, Comparer.PairedStream, leaf)) is { } whole)
            {
                yield return whole;
            }

            yield break;
        }

        foreach (var cluster in matches.GroupBy(m => c.Clusters?[m.C] ?? b.Clusters?[m.B] ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Within a cluster its items are the units: a table without clusters, so the draw is over items.
            var before = new ItemTable([.. cluster.Select(m => c.Ids[m.C])], [.. cluster.Select(m => b.Scores[m.B])]);
            var after = new ItemTable(before.Ids, [.. cluster.Select(m => c.Scores[m.C])]);
            if (Shift(policy, leaf, cluster.Key, before, after, TreeSampler.UniformFor(policy.Seed, ClusterStream, leaf + "/" + cluster.Key)) is { } shift)
            {
                yield return shift;
            }
        }
    }

    private static ClusterShift? Shift(GatePolicy policy, string leaf, string? cluster, ItemTable b, ItemTable c, SeededUniform random)
    {
        if (PairedLeaf.Draw(b, c, policy.Samples, random) is not { } draws
            || DeltaStats.Of(draws.Baseline, draws.Candidate, policy.Gate.Margin, policy.Level) is not { } delta)
        {
            return null;
        }

        return new ClusterShift(leaf, cluster, draws.Counts.Matched, draws.Counts.Fixed, draws.Counts.Broken,
            delta.BaselineMean, delta.CandidateMean, delta.Delta.Mean, delta.Delta.Lower, delta.Delta.Upper);
    }

    /// <summary>Largest score change first, then benchmark, then id (numbers as numbers: item 9 before item 10).</summary>
    private static int ItemOrder(FlippedItem x, FlippedItem y)
    {
        var size = Math.Abs(y.ScoreChange).CompareTo(Math.Abs(x.ScoreChange));
        if (size != 0)
        {
            return size;
        }

        var benchmark = string.CompareOrdinal(x.Benchmark, y.Benchmark);
        if (benchmark != 0)
        {
            return benchmark;
        }

        return IdOrder(x.Item, y.Item);
    }

    private static int IdOrder(string x, string y) =>
        long.TryParse(x, out var a) && long.TryParse(y, out var b) && a != b ? a.CompareTo(b) : string.CompareOrdinal(x, y);
}
