using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// Our Beta, Gamma and normal draws against MathNet.Numerics' CDFs (the oracle): the Kolmogorov–Smirnov distance of
/// 20,000 draws must stay under 1.63/√n, the 1% critical value; seeds are fixed, so the test is repeatable.
/// </summary>
public class GammaSamplerMatchesBetaCdf
{
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.2, 3.0)]
    [InlineData(47.0, 5.0)]
    [InlineData(524.0, 649.0)]
    [InlineData(13000.0, 1043.0)]
    public void KolmogorovSmirnovDistance_IsSmall(double a, double b)
    {
        var draws = TreeSampler.DrawLeaf(new BetaPosterior(a, b), 20_000, TreeSampler.UniformFor(11, "ks", $"{a}/{b}"));
        var distance = KolmogorovSmirnov(draws, x => MathNet.Numerics.Distributions.Beta.CDF(a, b, x));

        Assert.True(distance < 1.63 / Math.Sqrt(draws.Length), $"KS distance {distance}");
    }

    [Fact]
    public void TinyShapes_StayInsideTheUnitInterval()
    {
        var draws = TreeSampler.DrawLeaf(new BetaPosterior(0.01, 0.01), 20_000, TreeSampler.UniformFor(1, "tiny", "leaf"));

        Assert.All(draws, d => Assert.InRange(d, 0.0, 1.0));
        Assert.InRange(draws.Average(), 0.45, 0.55); // symmetric: mean 1/2, sd ≈ 0.5, so 20,000 draws land within ±0.05 by far
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(100.0)]
    [InlineData(1e6)]
    public void GammaDraws_MatchTheGammaCdf(double shape)
    {
        var sampler = new GammaSampler(TreeSampler.UniformFor(13, "gamma", $"{shape}"));
        var draws = Enumerable.Range(0, 20_000).Select(_ => sampler.NextGamma(shape)).ToArray();

        Assert.True(KolmogorovSmirnov(draws, x => MathNet.Numerics.Distributions.Gamma.CDF(shape, 1, x)) < 1.63 / Math.Sqrt(draws.Length));
    }

    [Fact]
    public void ZigguratNormal_MatchesTheNormalCdf_InTheBodyAndTheTail()
    {
        // A million draws: the KS distance at the 1% level, and the count beyond the base layer's edge (|x| > 3.654,
        // probability 2.58e-4, where the tail sampler takes over) within 4 binomial sds of its expectation.
        var uniform = TreeSampler.UniformFor(17, "ziggurat", "x");
        var draws = Enumerable.Range(0, 1_000_000).Select(_ => ZigguratNormal.Next(uniform)).ToArray();
        var tail = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -3.6541528853610088);
        var expected = tail * draws.Length;

        Assert.True(KolmogorovSmirnov(draws, x => MathNet.Numerics.Distributions.Normal.CDF(0, 1, x)) < 1.63 / Math.Sqrt(draws.Length));
        Assert.InRange(draws.Count(x => Math.Abs(x) > 3.6541528853610088), expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
        Assert.InRange(draws.Count(x => Math.Abs(x) > 5), 0, 5); // P(|x| > 5) = 5.7e-7: 0.57 expected
    }

    private static double KolmogorovSmirnov(double[] draws, Func<double, double> cdf)
    {
        var sorted = draws.Order().ToArray();
        var distance = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var p = cdf(sorted[i]);
            distance = Math.Max(distance, Math.Max(((i + 1.0) / sorted.Length) - p, p - ((double)i / sorted.Length)));
        }

        return distance;
    }

    [Fact]
    public void StandardNormal_HasMeanZeroAndVarianceOne()
    {
        var sampler = new GammaSampler(TreeSampler.UniformFor(5, "normal", "x"));
        var draws = Enumerable.Range(0, 100_000).Select(_ => sampler.NextNormal()).ToArray();

        Assert.InRange(draws.Average(), -4 / Math.Sqrt(draws.Length), 4 / Math.Sqrt(draws.Length));
        Assert.InRange(draws.Select(x => x * x).Average(), 1 - (4 * Math.Sqrt(2.0 / draws.Length)), 1 + (4 * Math.Sqrt(2.0 / draws.Length)));
    }
}
