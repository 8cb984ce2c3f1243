using Mpg.Gate.Comparison;

namespace Mpg.Gate.History;

/// <summary>The Goodness of a gate's last records on one branch, oldest first, for the report's trend chart.</summary>
public static class HistoryTrend
{
    public const int DefaultPoints = 10;

    /// <returns>Null where the branch has no record yet (the report then shows no trend).</returns>
    public static IReadOnlyList<TrendPoint>? Of(IHistoryStore store, string gate, string branch, int points = DefaultPoints)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = store.List(gate, branch, points);
        return entries.Count == 0
            ? null
            : entries.Reverse().Select(e => new TrendPoint(e.Branch, e.Commit.Length > 7 ? e.Commit[..7] : e.Commit, e.RecordedAt, e.Goodness)).ToList();
    }
}
