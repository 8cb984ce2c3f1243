using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// Our Beta draws against MathNet.Numerics' Beta CDF (the oracle): the Kolmogorov–Smirnov distance of
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
        Array.Sort(draws);

        var distance = 0.0;
        for (var i = 0; i < draws.Length; i++)
        {
            var cdf = MathNet.Numerics.Distributions.Beta.CDF(a, b, draws[i]);
            distance = Math.Max(distance, Math.Max(((i + 1.0) / draws.Length) - cdf, cdf - ((double)i / draws.Length)));
        }

        Assert.True(distance < 1.63 / Math.Sqrt(draws.Length), $"KS distance {distance}");
    }

    [Fact]
    public void TinyShapes_StayInsideTheUnitInterval()
    {
        var draws = TreeSampler.DrawLeaf(new BetaPosterior(0.01, 0.01), 20_000, TreeSampler.UniformFor(1, "tiny", "leaf"));

        Assert.All(draws, d => Assert.InRange(d, 0.0, 1.0));
        Assert.InRange(draws.Average(), 0.45, 0.55); // symmetric: mean 1/2, sd ≈ 0.5, so 20,000 draws land within ±0.05 by far
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
