using Mpg.Gate.Ranking;

namespace Mpg.Gate.Core.Tests.Ranking;

public sealed class RankDistributionOracle
{
    [Fact]
    public void GivenDraws_RanksAreCountedPerDraw()
    {
        // Draw by draw: A first 3 times of 4, B first once; C always last.
        double[] a = [0.9, 0.9, 0.9, 0.1];
        double[] b = [0.5, 0.5, 0.5, 0.95];
        double[] c = [0.0, 0.0, 0.0, 0.0];

        var ranks = RankDistribution.Of([a, b, c]);

        Assert.Equal(0.75, ranks.Probability(0, 1));
        Assert.Equal(0.25, ranks.Probability(0, 2));
        Assert.Equal(0.25, ranks.Probability(1, 1));
        Assert.Equal(1.0, ranks.Probability(2, 3));
        Assert.Equal((1, 2), ranks.Interval(0, 0.95));
        Assert.Equal((3, 3), ranks.Interval(2, 0.95));
        Assert.Equal(0.75, RankDistribution.PAbove(a, b));
    }

    [Fact]
    public void Interval_IsTheInverseCdfAtBothTails()
    {
        // 100 draws: rank 1 in 2, rank 2 in 95, rank 3 in 3. The 2.5% quantile is rank 2 (F(1) = 0.02 < 0.025), the 97.5% rank 3.
        var draws = new double[3][];
        for (var m = 0; m < 3; m++)
        {
            draws[m] = new double[100];
        }

        for (var d = 0; d < 100; d++)
        {
            // Model 0 above both (rank 1), between them (rank 2), below both (rank 3); models 1 and 2 stay put.
            draws[0][d] = d < 2 ? 3.0 : d < 97 ? 2.0 : 0.5;
            draws[1][d] = 2.5;
            draws[2][d] = 1.0;
        }

        Assert.Equal((2, 3), RankDistribution.Of(draws).Interval(0, 0.95));
    }
}
