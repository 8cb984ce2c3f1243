using Mpg.Gate.Ingest;

namespace Mpg.Gate.Scoring;

/// <summary>
/// A leaf's per-item outcomes as they travel in a scorecard: parallel arrays (ids, scores, and clusters or
/// latencies where known), so a stored baseline still pairs item by item months later without its eval files, and
/// shows what each item asked and answered (<see cref="ItemExcerpt"/>) where the reader kept it.
/// </summary>
public sealed record ItemTable(
    IReadOnlyList<string> Ids,
    IReadOnlyList<double> Scores,
    IReadOnlyList<string?>? Clusters = null,
    IReadOnlyList<double?>? LatenciesMs = null,
    IReadOnlyList<double?>? Costs = null,
    IReadOnlyList<ItemExcerpt?>? Excerpts = null,
    IReadOnlyList<RepeatRange?>? Repeats = null)
{
    public int Count => Ids.Count;

    public static ItemTable? From(IReadOnlyList<ItemOutcome>? items)
    {
        if (items is null || items.Count == 0)
        {
            return null;
        }

        // Items from an ItemBuffer are columns already: taken as they are, not through a million ItemOutcomes.
        if (items is ItemColumns columns)
        {
            return new ItemTable(columns.Ids, columns.Scores, columns.Clusters, columns.LatenciesMs, columns.Costs, FullLength(columns.Excerpts, columns.Count), columns.Repeats);
        }

        return new ItemTable(
            items.Select(i => i.Id).ToList(),
            items.Select(i => i.Score).ToList(),
            items.Any(i => i.Cluster is not null) ? items.Select(i => i.Cluster).ToList() : null,
            items.Any(i => i.LatencyMs is not null) ? items.Select(i => i.LatencyMs).ToList() : null,
            items.Any(i => i.Cost is not null) ? items.Select(i => i.Cost).ToList() : null,
            items.Any(i => i.Excerpt is not null) ? items.Select(i => i.Excerpt).ToList() : null,
            items.Any(i => i.Repeats is not null) ? items.Select(i => i.Repeats).ToList() : null);
    }

    private static ItemExcerpt?[]? FullLength(ItemExcerpt?[]? excerpts, int count)
    {
        if (excerpts is null || excerpts.Length == count)
        {
            return excerpts;
        }

        var full = new ItemExcerpt?[count];
        excerpts.CopyTo(full, 0);
        return full;
    }

    public IReadOnlyList<ItemOutcome> Outcomes() =>
        Enumerable.Range(0, Count)
            .Select(i => new ItemOutcome(Ids[i], Scores[i], LatenciesMs?[i], Costs?[i], null, Clusters?[i], Repeats?[i], Excerpts?[i]))
            .ToList();

    /// <summary>Parallel arrays of one length, ids unique, scores in [0,1]: otherwise the reason it is not.</summary>
    public string? Problem()
    {
        if (Scores.Count != Count || (Clusters is not null && Clusters.Count != Count) || (LatenciesMs is not null && LatenciesMs.Count != Count) || (Costs is not null && Costs.Count != Count)
            || (Excerpts is not null && Excerpts.Count != Count)
            || (Repeats is not null && Repeats.Count != Count))
        {
            return "its item arrays differ in length";
        }

        if (Ids.Distinct(StringComparer.Ordinal).Count() != Count)
        {
            return "its item ids are not unique";
        }

        return Scores.Any(s => !(s >= 0 && s <= 1)) ? "an item score is outside [0,1]" : null;
    }
}
