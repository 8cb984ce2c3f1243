namespace Mpg.Gate.Scoring;

/// <summary>One item both runs answered: its two scores and the cluster it belongs to, if any.</summary>
public readonly record struct ItemPair(double B, double C, string? Cluster);

/// <summary>Items matched by id across two runs: what the paired comparison, the planner and the explanation share.</summary>
public static class ItemPairs
{
    /// <summary>The items both runs answered, in the candidate's order, with the cluster either side records.</summary>
    public static List<ItemPair> Match(ItemTable baseline, ItemTable candidate)
    {
        var baseIndex = new Dictionary<string, int>(baseline.Count, StringComparer.Ordinal);
        for (var i = 0; i < baseline.Count; i++)
        {
            baseIndex[baseline.Ids[i]] = i;
        }

        var pairs = new List<ItemPair>(candidate.Count);
        for (var j = 0; j < candidate.Count; j++)
        {
            if (baseIndex.TryGetValue(candidate.Ids[j], out var i))
            {
                pairs.Add(new ItemPair(baseline.Scores[i], candidate.Scores[j], candidate.Clusters?[j] ?? baseline.Clusters?[i]));
            }
        }

        return pairs;
    }
}
