using MathNet.Numerics.Random;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// The oracle: MathNet.Numerics' Xoshiro256StarStar, which drew every scorecard before SeededUniform replaced it for
/// speed. Same seed, same doubles, bit for bit, so no stored scorecard or seeded result moved.
/// </summary>
public class SeededUniformMatchesMathNet
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20261203)]
    [InlineData(int.MaxValue)]
    public void SameSeed_SameDoublesBitForBit(int seed)
    {
        var ours = new SeededUniform(seed);
        var theirs = new Xoshiro256StarStar(seed, threadSafe: false);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(theirs.NextDouble()), BitConverter.DoubleToInt64Bits(ours.NextDouble()));
        }
    }

    [Fact]
    public void StreamSeeds_MatchTheRandomOfTheSameStream()
    {
        var ours = TreeSampler.UniformFor(7, "score", "mmlu");
        var theirs = TreeSampler.RandomFor(7, "score", "mmlu");
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(theirs.NextDouble(), ours.NextDouble());
        }
    }
}
