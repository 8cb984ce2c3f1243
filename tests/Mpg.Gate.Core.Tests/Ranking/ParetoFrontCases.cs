using Mpg.Gate.Ranking;

namespace Mpg.Gate.Core.Tests.Ranking;

public sealed class ParetoFrontCases
{
    [Fact]
    public void Qps_AModelBeatenOnBothIsOffTheFront()
    {
        var front = ParetoFront.Of([(0.8, 10), (0.7, 20), (0.6, 15), (0.5, 30)], higherFastnessIsBetter: true);

        Assert.Equal([true, true, false, true], front);
    }

    [Fact]
    public void Cost_LowerIsBetter()
    {
        var front = ParetoFront.Of([(0.8, 10), (0.7, 20), (0.6, 5)], higherFastnessIsBetter: false);

        Assert.Equal([true, false, true], front);
    }

    [Fact]
    public void WithoutFastness_NoModelIsOnTheFront()
    {
        var front = ParetoFront.Of([(0.8, null), (0.7, 20)], higherFastnessIsBetter: true);

        Assert.Equal([false, true], front);
    }

    [Fact]
    public void Ties_DoNotDominate()
    {
        Assert.Equal([true, true], ParetoFront.Of([(0.8, 10), (0.8, 10)], higherFastnessIsBetter: true));
    }
}
