using Mpg.Gate.Comparison;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Core.Tests.Scoring;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Comparison;

public class PairedGate
{
    private static readonly ScoreContext ScoreAt = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");
    private static readonly GateContext GateAt = new("test", DateTimeOffset.UnixEpoch, "baseline.json");

    private static readonly PolicyNode Tree = Root(Weighting.Equal, Group("g", Weighting.Equal, 1, Leaf("a"), Leaf("b")), Leaf("c"));

    /// <summary>Correlated outcomes: the candidate answers like the baseline except on a few items.</summary>
    private static (EvalRun Baseline, EvalRun Candidate) Runs(int n, int broken, int fixedItems)
    {
        var random = new Random(9);
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.7 ? 1.0 : 0.0).ToArray();
        var c = (double[])b.Clone();
        var ones = Enumerable.Range(0, n).Where(i => b[i] == 1).Take(broken);
        var zeros = Enumerable.Range(0, n).Where(i => b[i] == 0).Take(fixedItems);
        foreach (var i in ones)
        {
            c[i] = 0;
        }

        foreach (var i in zeros)
        {
            c[i] = 1;
        }

        return (TestItems.Run("base", ("a", b), ("b", b), ("c", b)), TestItems.Run("cand", ("a", c), ("b", b), ("c", b)));
    }

    private static Verdict Gate(GatePolicy policy, EvalRun baseline, EvalRun candidate) =>
        Comparer.Compare(policy, Scorer.Score(policy, baseline, ScoreAt), Scorer.Score(policy, candidate, ScoreAt), GateAt);

    [Fact]
    public void ItemsOnBothSides_ArePairedAndNarrowTheInterval()
    {
        var (baseline, candidate) = Runs(n: 1000, broken: 30, fixedItems: 5);
        var policy = PolicyOf(Tree);
        var unpairedCards = (Scorer.Score(policy, baseline, ScoreAt), Scorer.Score(policy, candidate, ScoreAt));
        static Scorecard Strip(Scorecard card) => card with { Nodes = card.Nodes.Select(n => n with { Items = null }).ToList() };

        var paired = Gate(policy, baseline, candidate);
        var unpaired = Comparer.Compare(policy, Strip(unpairedCards.Item1), Strip(unpairedCards.Item2), GateAt);

        var a = paired.Nodes.Single(n => n.Id == "a");
        Assert.True(a.Paired);
        Assert.Equal(1000, a.MatchedItems);
        Assert.Equal(5, a.Fixed);
        Assert.Equal(30, a.Broken);
        Assert.Equal(-0.025, a.Delta!.Value, 2);
        var pairedWidth = a.DeltaUpper - a.DeltaLower;
        var unpairedA = unpaired.Nodes.Single(n => n.Id == "a");
        Assert.False(unpairedA.Paired);
        Assert.True(pairedWidth < (unpairedA.DeltaUpper - unpairedA.DeltaLower) / 3, $"paired {pairedWidth} vs unpaired {unpairedA.DeltaUpper - unpairedA.DeltaLower}");
        Assert.True(paired.Nodes.Single(n => n.Id == "goodness").Paired);
    }

    [Fact]
    public void ScopeGroups_GatesEveryGroup_AndAllGatesEveryNode()
    {
        var (baseline, candidate) = Runs(n: 400, broken: 0, fixedItems: 0);
        var groups = PolicyOf(Tree) with { Gate = PolicyOf(Tree).Gate with { Scope = GateScope.Groups } };
        var all = PolicyOf(Tree) with { Gate = PolicyOf(Tree).Gate with { Scope = GateScope.All } };

        Assert.Equal(["goodness", "g"], Gate(groups, baseline, candidate).Rules.Select(r => r.Node));
        Assert.Equal(["goodness", "g", "a", "b", "c"], Gate(all, baseline, candidate).Rules.Select(r => r.Node));
    }

    [Fact]
    public void FewerItemsThanMinN_IsUnderpoweredNotGated()
    {
        var (baseline, candidate) = Runs(n: 200, broken: 60, fixedItems: 0);
        var policy = PolicyOf(Tree, rules: [new PolicyRule("a", null, null, null, Here, MinN: 500)]);

        var verdict = Gate(policy, baseline, candidate);

        Assert.Equal(VerdictResult.Pass, verdict.Result);
        Assert.Equal(NodeStatus.Underpowered, verdict.Rules.Single().Status);
        Assert.False(verdict.Nodes.Single(n => n.Id == "a").Gated);
    }

    [Fact]
    public void MismatchAboveMaxUnmatched_IsAnInputError()
    {
        var (baseline, _) = Runs(n: 100, broken: 0, fixedItems: 0);
        var policy = PolicyOf(Tree) with { Gate = PolicyOf(Tree).Gate with { MaxUnmatched = 0.05 } };
        var baseCard = Scorer.Score(policy, baseline, ScoreAt);
        var a = baseCard.Find("a")!;
        var trimmed = a.Items! with { Ids = a.Items.Ids.Take(80).ToList(), Scores = a.Items.Scores.Take(80).ToList() };
        var candCard = baseCard with { Nodes = baseCard.Nodes.Select(n => n.Id == "a" ? n with { Items = trimmed } : n).ToList() };

        var error = Assert.Throws<InputException>(() => Comparer.Compare(policy, baseCard, candCard, GateAt));
        Assert.Contains("20 items only in the baseline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumDetectableDrop_IsMarginPlusZTimesSd()
    {
        var (baseline, candidate) = Runs(n: 1000, broken: 30, fixedItems: 20);

        var verdict = Gate(PolicyOf(Tree), baseline, candidate);

        // One rule, Holm with m = 1: P must reach 0.95; z(0.95) + z(0.8) = 1.6449 + 0.8416. The 95% interval spans
        // about 2 × 1.96 sd, which gives Δ's sd to within a few percent for these near-normal draws.
        var root = verdict.Nodes.Single(n => n.Id == "goodness");
        var sd = (root.DeltaUpper!.Value - root.DeltaLower!.Value) / (2 * 1.96);
        Assert.Equal(0.01 + (2.4865 * sd), verdict.Rules.Single().MinDetectableDrop!.Value, 0.05 * 2.4865 * sd);
        Assert.Equal(root.MinDetectableDrop, verdict.Rules.Single().MinDetectableDrop);
        Assert.Equal(0.01 + (2.4865 * 0.5), RuleJudge.MinDetectableDrop(0.01, 0.95, 0.5), 3);
    }
}
