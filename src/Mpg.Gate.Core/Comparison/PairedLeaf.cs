using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>What pairing found for a leaf: items matched by id, those on one side only, and how they moved.</summary>
public sealed record PairingCounts(int Matched, int OnlyBaseline, int OnlyCandidate, int Fixed, int Broken, bool Graded, int? Clusters)
{
    public double UnmatchedFraction => Matched + OnlyBaseline + OnlyCandidate == 0 ? 0 : (double)(OnlyBaseline + OnlyCandidate) / (Matched + OnlyBaseline + OnlyCandidate);
}

/// <summary>
/// Joint draws of a leaf's baseline and candidate accuracy from items both runs answered, so that Δ keeps
/// the per-item correlation (an item hard for one model is hard for the other) instead of paying for it as noise.
/// <list type="bullet">
/// <item>Binary items: a Dirichlet posterior over the four (baseline, candidate) cells with a uniform prior
/// (1 per cell). Given the discordant items, P(Δ &lt; 0) is then the Beta(fixed + 1, broken + 1) probability
/// below 1/2, close to the exact sign test; the Jeffreys-like prior of 1/2 per cell ran about a point
/// anti-conservative in the calibration simulation (docs/METHOD.md).</item>
/// <item>Graded items: a Bayesian bootstrap (Rubin 1981) of the item pairs: Dirichlet(1, …, 1) weights.
/// Items with equal (baseline, candidate) scores share one Gamma draw of their summed weight, which is exact
/// (the aggregation property) and makes the common case, few distinct scores, cost a handful of draws.</item>
/// <item>Clustered items: the Bayesian bootstrap resamples clusters, not items (Miller 2024), with each
/// side's accuracy the ratio of its weighted cluster totals to the weighted cluster sizes.</item>
/// </list>
/// </summary>
public static class PairedLeaf
{
    private const double CellPrior = 1;

    /// <returns>Null where no item is on both sides.</returns>
    public static (double[] Baseline, double[] Candidate, PairingCounts Counts)? Draw(ItemTable baseline, ItemTable candidate, int samples, SeededUniform random)
    {
        var pairs = ItemPairs.Match(baseline, candidate);
        if (pairs.Count == 0)
        {
            return null;
        }

        var graded = pairs.Any(p => p.B is not (0 or 1) || p.C is not (0 or 1));
        var clustered = pairs.Any(p => p.Cluster is not null);
        var counts = new PairingCounts(
            pairs.Count,
            baseline.Count - pairs.Count,
            candidate.Count - pairs.Count,
            pairs.Count(p => p.C > p.B),
            pairs.Count(p => p.C < p.B),
            graded,
            clustered ? pairs.Select(p => p.Cluster).Distinct().Count() : null);

        var units = clustered ? ClusterUnits(pairs) : graded ? ItemUnits(pairs) : CellUnits(pairs);
        var (b, c) = DirichletMeans.Draw(units, samples, new GammaSampler(random));
        return (b, c, counts);
    }

    private static List<DirichletMeans.Unit> CellUnits(List<ItemPair> pairs)
    {
        var units = new List<DirichletMeans.Unit>(4);
        foreach (var (b, c) in new[] { (0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0) })
        {
            units.Add(new DirichletMeans.Unit(pairs.Count(p => p.B == b && p.C == c) + CellPrior, 1, b, c));
        }

        return units;
    }

    private static List<DirichletMeans.Unit> ItemUnits(List<ItemPair> pairs) =>
        pairs.GroupBy(p => (p.B, p.C)).OrderBy(g => g.Key.B).ThenBy(g => g.Key.C)
            .Select(g => new DirichletMeans.Unit(g.Count(), 1, g.Key.B, g.Key.C))
            .ToList();

    private static List<DirichletMeans.Unit> ClusterUnits(List<ItemPair> pairs) =>
        pairs.GroupBy(p => p.Cluster ?? string.Empty, StringComparer.Ordinal)
            .Select(g => (N: (double)g.Count(), B: g.Sum(p => p.B), C: g.Sum(p => p.C)))
            .GroupBy(t => t)
            .OrderBy(g => g.Key.N).ThenBy(g => g.Key.B).ThenBy(g => g.Key.C)
            .Select(g => new DirichletMeans.Unit(g.Count(), g.Key.N, g.Key.B, g.Key.C))
            .ToList();
}
