using System.Globalization;
using Mpg.Gate.Comparison;
using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Site;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Jobs;

/// <summary><c>mpg site</c> without the console: every gate of the store with its records and their verdicts, then the pages.</summary>
public static class SiteJob
{
    /// <param name="limit">The newest this many records of each gate (all branches together); null for all.</param>
    /// <exception cref="InputException">A record's stored verdict does not parse.</exception>
    public static IReadOnlyList<SiteGate> Load(IHistoryStore store, int? limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        var gates = new List<SiteGate>();
        foreach (var gate in store.Gates())
        {
            var read = store.List(gate, null, limit ?? int.MaxValue)
                .Reverse()
                .Select(e => store.Get(e.Id))
                .OfType<HistoryRecord>()
                .ToList();
            // The store reads on one connection; the verdicts parse on every core, in order.
            var records = read.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree)
                .Select(r => (r, r.VerdictDocument is { } json ? VerdictFile.Parse(json, $"{store.Display} record {r.Entry.Id.ToString(CultureInfo.InvariantCulture)}") : null))
                .ToList();
            if (records.Count > 0)
            {
                gates.Add(new SiteGate(gate, records));
            }
        }

        return gates;
    }

    /// <summary>The footer: the tool and the data's own time (its newest record), never the clock, so the same store gives the same bytes.</summary>
    public static string Footer(IReadOnlyList<SiteGate> gates, string toolVersion, Ranking.Ranking? ranking)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var records = gates.Sum(g => g.Records.Count);
        var newest = gates.SelectMany(g => g.Records).Select(r => r.Record.Entry.RecordedAt).DefaultIfEmpty().Max(StringComparer.Ordinal);
        var parts = new List<string> { $"mpg {toolVersion}" };
        if (records > 0)
        {
            parts.Add($"{records.ToString("#,0", CultureInfo.InvariantCulture)} records, the newest of {newest}");
        }

        if (ranking is not null)
        {
            parts.Add($"ranking of {ranking.CreatedAt}");
        }

        return string.Join(" · ", parts);
    }
}
