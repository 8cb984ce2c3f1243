using Mpg.Gate.Scoring;

namespace Mpg.Gate.Planning;

/// <summary>
/// What one leaf's runs say about the noise of an item's difference (candidate − baseline), the σ of
/// <see cref="ItemsNeeded"/>:
/// <list type="bullet">
/// <item>paired binary items: the discordance ψ (share of items the runs answer differently); under a true drop D,
/// an item's difference is ±1 or 0 with variance ψ − D² (the variance Connor's McNemar sample size uses);</item>
/// <item>paired graded or clustered items: the sd of the per-item differences, clusters as units (the sum of a
/// cluster's differences about its share of the mean, so the cluster design effect is in it; Miller 2024). Items
/// with repeats arrive as the mean over their repeats, so the within-item variance is in it too (Miller's Eq. 9);</item>
/// <item>unpaired: the binomial variances of the two sides, p(1 − p) + q(1 − q) with q = p − D.</item>
/// </list>
/// </summary>
public sealed record ItemEvidence(bool Paired, int Items, double? Discordance, double? SdDiff, double? BaselineMean)
{
    /// <summary>The sd of one item's difference under a true drop of <paramref name="drop"/>.</summary>
    public double SdAt(double drop)
    {
        if (Discordance is { } psi)
        {
            // ψ cannot be below the drop (every broken item is discordant); take the least ψ that allows it.
            var shown = Math.Max(psi, Math.Abs(drop));
            return Math.Sqrt(Math.Max(shown - (drop * drop), 0));
        }

        if (SdDiff is { } sd)
        {
            return sd;
        }

        var p = BaselineMean ?? 0.5;
        var q = Math.Clamp(p - drop, 0, 1);
        return Math.Sqrt((p * (1 - p)) + (q * (1 - q)));
    }

    public static ItemEvidence Unpaired(double baselineMean, int items) => new(false, items, null, null, baselineMean);

    /// <returns>Null where no item is on both sides.</returns>
    public static ItemEvidence? FromPairs(IReadOnlyList<ItemPair> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var n = pairs.Count;
        var binary = pairs.All(p => p.B is 0 or 1 && p.C is 0 or 1);
        var clustered = pairs.Any(p => p.Cluster is not null);
        if (binary && !clustered)
        {
            return new ItemEvidence(true, n, (double)pairs.Count(p => p.B != p.C) / n, null, null);
        }

        var mean = pairs.Average(p => p.C - p.B);
        var units = clustered
            ? pairs.GroupBy(p => p.Cluster ?? string.Empty, StringComparer.Ordinal).Select(g => (Size: g.Count(), Sum: g.Sum(p => p.C - p.B)))
            : pairs.Select(p => (Size: 1, Sum: p.C - p.B));
        var sumSquares = units.Sum(u => Math.Pow(u.Sum - (u.Size * mean), 2));
        return new ItemEvidence(true, n, null, Math.Sqrt(sumSquares / n), null);
    }
}
