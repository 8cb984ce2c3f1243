using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

public class DrawSummaryQuantiles
{
    [Fact]
    public void Quantile_InterpolatesLikeNumpyDefault()
    {
        // numpy.quantile([1, 2, 3, 4], [0.025, 0.5, 0.975]) == [1.075, 2.5, 3.925]
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(1.075, DrawSummary.Quantile(sorted, 0.025), 12);
        Assert.Equal(2.5, DrawSummary.Quantile(sorted, 0.5), 12);
        Assert.Equal(3.925, DrawSummary.Quantile(sorted, 0.975), 12);
    }

    [Fact]
    public void Summary_OfKnownDraws()
    {
        var s = DrawSummary.Of([4, 1, 3, 2], 0.5);

        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Sd, 12);
        Assert.Equal(1.75, s.Lower, 12);
        Assert.Equal(3.25, s.Upper, 12);
    }
}

public class SelectionMatchesSorting
{
    [Fact]
    public void Select_GivesTheOrderStatisticsOfASort()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (double)random.Next(0, 10)).ToArray();
            var sorted = values.Order().ToArray();
            var k = random.Next(values.Length);

            Assert.Equal(sorted[k], DrawSummary.Select((double[])values.Clone(), k));
            Assert.Equal(DrawSummary.Quantile(sorted, 0.025), DrawSummary.Quantile((double[])values.Clone(), 0.025, sorted: false));
        }
    }

    [Fact]
    public void Summary_GivesTheQuantilesOfASortExactly()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 500; trial++)
        {
            // Ties (few distinct values) and the tiny sizes where the four order statistics overlap.
            var values = Enumerable.Range(0, random.Next(2, 300)).Select(_ => trial % 2 == 0 ? random.Next(0, 5) : random.NextDouble()).ToArray();
            var sorted = values.Order().ToArray();
            var level = new[] { 0.5, 0.8, 0.95, 0.99 }[trial % 4];
            var s = DrawSummary.Of(values, level);

            Assert.Equal(DrawSummary.Quantile(sorted, (1 - level) / 2), s.Lower);
            Assert.Equal(DrawSummary.Quantile(sorted, 1 - ((1 - level) / 2)), s.Upper);
        }
    }
}
