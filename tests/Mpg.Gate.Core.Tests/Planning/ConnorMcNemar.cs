using Mpg.Gate.Comparison;
using Mpg.Gate.Planning;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Core.Tests.Scoring;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Planning;

/// <summary>
/// The planner's paired binary figure against Connor's (1987) sample size for McNemar's test, the textbook
/// answer to "how many pairs", at margin 0, one-sided α = 1 − confidence and 80% power.
/// </summary>
public class ConnorMcNemar
{
    private static readonly ScoreContext ScoreAt = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");

    /// <summary>1,000 paired items of which ψ·1000 are discordant, split so that Δ = −drop.</summary>
    private static (Scorecard Baseline, Scorecard Candidate) Pilot(GatePolicy policy, double discordance, double drop)
    {
        const int n = 1000;
        var broken = (int)Math.Round((discordance + drop) / 2 * n);
        var fixedItems = (int)Math.Round((discordance - drop) / 2 * n);
        var b = new double[n];
        var c = new double[n];
        for (var i = 0; i < n; i++)
        {
            (b[i], c[i]) = i < broken ? (1.0, 0.0) : i < broken + fixedItems ? (0.0, 1.0) : i % 3 == 0 ? (0.0, 0.0) : (1.0, 1.0);
        }

        return (Scorer.Score(policy, TestItems.Run("base", ("a", b)), ScoreAt), Scorer.Score(policy, TestItems.Run("cand", ("a", c)), ScoreAt));
    }

    [Theory]
    [InlineData(0.10, 0.03, 0.95)]
    [InlineData(0.20, 0.03, 0.95)]
    [InlineData(0.20, 0.05, 0.95)]
    [InlineData(0.30, 0.05, 0.975)]
    [InlineData(0.40, 0.10, 0.95)]
    [InlineData(0.06, 0.04, 0.95)]
    public void PairedBinaryLeaf_AgreesWithConnorWithinTwentyPercent(double discordance, double drop, double confidence)
    {
        var policy = PolicyOf(Root(Weighting.Equal, Leaf("a")), samples: 1000, rules: [new PolicyRule("a", 0, confidence, null, Here)]);
        var (baseline, candidate) = Pilot(policy, discordance, drop);

        var node = Planner.Plan(policy, baseline, candidate, drop, 0.8, "baseline.json").Nodes.Single();

        var connor = ItemsNeeded.ConnorMcNemar(discordance, drop, 1 - confidence, 0.8);
        Assert.True(node.Paired);
        Assert.Equal(discordance, node.Discordance!.Value, 12);
        Assert.InRange(node.ItemsNeeded!.Value / connor, 0.8, 1.2);
    }

    [Fact]
    public void ConnorFormula_MatchesItsClosedFormByHand()
    {
        // ψ = 0.2, D = 0.05, α = 0.05, power 0.8: (1.644854 √0.2 + 0.841621 √0.1975)² / 0.0025 = 492.5.
        var expected = Math.Pow((1.6448536 * Math.Sqrt(0.2)) + (0.8416212 * Math.Sqrt(0.1975)), 2) / 0.0025;
        Assert.Equal(expected, ItemsNeeded.ConnorMcNemar(0.2, 0.05, 0.05, 0.8), 3);
        Assert.InRange(expected, 492, 493);
    }

    [Fact]
    public void DropWithinTheMargin_NeedsNoCountThatCouldDecideIt()
    {
        var policy = PolicyOf(Root(Weighting.Equal, Leaf("a")), samples: 1000, rules: [new PolicyRule("a", 0.02, null, null, Here)]);
        var (baseline, candidate) = Pilot(policy, 0.2, 0.01);

        var node = Planner.Plan(policy, baseline, candidate, 0.01, 0.8, "baseline.json").Nodes.Single();

        Assert.Null(node.ItemsNeeded);
        Assert.Equal(1000, node.ItemsNow);
    }
}
