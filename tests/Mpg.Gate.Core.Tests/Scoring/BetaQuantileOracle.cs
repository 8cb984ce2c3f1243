using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// <see cref="BetaQuantile"/> against two oracles: the defining property (the regularized incomplete Beta of the
/// quantile is p) and MathNet's own bracketing inverse, over posteriors from Jeffreys' prior on no data to a million items.
/// </summary>
public sealed class BetaQuantileOracle
{
    public static TheoryData<double, double> Shapes() => new()
    {
        { 0.5, 0.5 }, { 0.5, 100.5 }, { 0.1, 50 }, { 1, 1 }, { 1, 201 }, { 201, 1 }, { 2, 200 }, { 5, 300 }, { 30, 3 },
        { 50, 5000 }, { 100, 100 }, { 1000, 4000 }, { 4999, 2 }, { 14042 * 0.7, 14042 * 0.3 }, { 1e6, 3 }, { 5e5, 5e5 },
    };

    private static readonly double[] Levels = [0.0005, 0.005, 0.025, 0.05, 0.5, 0.95, 0.975, 0.995, 0.9995];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void IncompleteBetaOfTheQuantile_IsP(double a, double b)
    {
        foreach (var p in Levels)
        {
            var x = BetaQuantile.Of(a, b, p);

            Assert.InRange(x, 0, 1);
            Assert.True(Math.Abs(SpecialFunctions.BetaRegularized(a, b, x) - p) < 1e-8 * Math.Max(p, 1e-3), $"Beta({a}, {b}) at {p}: x = {x}, CDF {SpecialFunctions.BetaRegularized(a, b, x)}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AgreesWithMathNetsInverse_ToAMillionthOfAnSd(double a, double b)
    {
        var sd = Math.Sqrt(new BetaPosterior(a, b).Variance);
        foreach (var p in Levels)
        {
            var ours = BetaQuantile.Of(a, b, p);
            var theirs = Beta.InvCDF(a, b, p);

            Assert.True(Math.Abs(ours - theirs) <= (1e-6 * sd) + 1e-15, $"Beta({a}, {b}) at {p}: ours {ours:R}, MathNet {theirs:R}, sd {sd:R}");
        }
    }

    [Fact]
    public void OutsideTheOpenInterval_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BetaQuantile.Of(2, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BetaQuantile.Of(2, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BetaQuantile.Of(0, 3, 0.5));
    }
}
