using Mpg.Gate.Ranking;

namespace Mpg.Gate.Core.Tests.Ranking;

/// <summary>The three correlations against values computed by hand (and by scipy.stats, which agrees).</summary>
public sealed class CorrelationOracle
{
    private static readonly double[] X = [1, 2, 3, 4, 5];
    private static readonly double[] Y = [2, 1, 4, 3, 5];

    [Fact]
    public void Pearson_OfOneTransposition()
    {
        // Σdxdy = 8, Σdx² = Σdy² = 10.
        Assert.Equal(0.8, Correlation.Pearson(X, Y), 12);
    }

    [Fact]
    public void Spearman_IsOneMinusSixSumD2OverNCubedMinusN()
    {
        // d = (−1, 1, −1, 1, 0): 1 − 6·4/120.
        Assert.Equal(0.8, Correlation.Spearman(X, Y), 12);
    }

    [Fact]
    public void Kendall_CountsConcordantMinusDiscordantPairs()
    {
        // 10 pairs, 2 discordant: (8 − 2) / 10.
        Assert.Equal(0.6, Correlation.KendallTauB(X, Y), 12);
    }

    [Fact]
    public void KendallTauB_CorrectsForTies()
    {
        // Pairs: 5 concordant, 1 tied in x only: 5 / √(5·6).
        Assert.Equal(5 / Math.Sqrt(30), Correlation.KendallTauB([1, 2, 2, 3], [1, 3, 2, 4]), 12);
    }

    [Fact]
    public void Ranks_GiveTiesTheirAverageRank()
    {
        Assert.Equal([1, 2.5, 2.5, 4], Correlation.Ranks([10, 20, 20, 30]));
    }

    [Fact]
    public void ConstantSide_IsUndefinedNotZero()
    {
        Assert.True(double.IsNaN(Correlation.Pearson(X, [3, 3, 3, 3, 3])));
        Assert.True(double.IsNaN(Correlation.KendallTauB(X, [3, 3, 3, 3, 3])));
    }
}
