using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// The oracle: a node is a weighted sum of independent Betas, so its mean is Σ w·α/(α+β) and its variance
/// Σ w²·αβ/((α+β)²(α+β+1)). The Monte Carlo estimate must land within 4 standard errors (false alarm ≈ 6e-5).
/// </summary>
public class SamplerMatchesClosedForm
{
    private static readonly ScoreContext Context = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(447.0, 727.0)]
    [InlineData(0.5, 30.0)]
    [InlineData(9000.0, 5.0)]
    public void SingleBeta_MeanAndVariance(double alpha, double beta)
    {
        var posterior = new BetaPosterior(alpha, beta);
        var draws = TreeSampler.DrawLeaf(posterior, 200_000, TreeSampler.UniformFor(7, "test", "leaf"));
        var s = DrawSummary.Of(draws, 0.95);

        var se = Math.Sqrt(posterior.Variance / draws.Length);
        Assert.InRange(s.Mean, posterior.Mean - (4 * se), posterior.Mean + (4 * se));

        // The variance of a sample variance is (μ4 − σ⁴(n−3)/(n−1))/n; Beta's excess kurtosis is bounded here, so 4·σ²·√(8/n) is generous yet meaningful.
        Assert.InRange(s.Sd * s.Sd, posterior.Variance * (1 - (4 * Math.Sqrt(8.0 / draws.Length))), posterior.Variance * (1 + (4 * Math.Sqrt(8.0 / draws.Length))));
    }

    [Theory]
    [InlineData(Weighting.Equal)]
    [InlineData(Weighting.Size)]
    public void Root_MeanAndVariance_AreTheWeightedSumOfLeaves(Weighting weighting)
    {
        var tree = Root(
            weighting,
            Group("recall", weighting, 1, Leaf("mmlu"), Leaf("sciq")),
            Group("solving", weighting, 2, Leaf("arc_challenge"), Leaf("gsm8k"), Leaf("hellaswag")));
        var run = Run("m", ("mmlu", 14042, 9133), ("sciq", 1000, 951), ("arc_challenge", 1172, 524), ("gsm8k", 1319, 400.5), ("hellaswag", 10042, 5527));
        var policy = PolicyOf(tree);

        var card = Scorer.Score(policy, run, Context);

        var weights = TreeWeights.Compute(tree, id => run.Find(id)!.Metrics[0].N);
        var shares = TreeWeights.LeafShares(tree, weights);
        double mean = 0, variance = 0;
        foreach (var (id, share) in shares)
        {
            var m = run.Find(id)!.Metrics[0];
            var p = BetaPosterior.From(Prior.Uniform, m.N, m.Successes);
            mean += share * p.Mean;
            variance += share * share * p.Variance;
        }

        var sd = Math.Sqrt(variance);
        Assert.InRange(card.Goodness.Mean, mean - (3 * sd / Math.Sqrt(policy.Samples)), mean + (3 * sd / Math.Sqrt(policy.Samples)));
        Assert.InRange(card.Goodness.Sd, sd * 0.97, sd * 1.03);
        Assert.Equal(1.0, shares.Values.Sum(), 12);
    }

    [Fact]
    public void SizeWeighting_IsTheMicroAverage()
    {
        var tree = Root(Weighting.Size, Leaf("a"), Leaf("b"));
        var weights = TreeWeights.Compute(tree, id => id == "a" ? 300 : 100);

        Assert.Equal(0.75, weights["a"], 12);
        Assert.Equal(0.25, weights["b"], 12);
    }

    [Fact]
    public void EqualWeighting_UsesDeclaredWeights()
    {
        var tree = Root(Weighting.Equal, Leaf("a", weight: 2), Leaf("b"));
        var weights = TreeWeights.Compute(tree, _ => 100);

        Assert.Equal(2.0 / 3, weights["a"], 12);
    }
}
