using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Comparison;

public class UnpairedGate
{
    private static readonly ScoreContext ScoreAt = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");
    private static readonly GateContext GateAt = new("test", DateTimeOffset.UnixEpoch, "baseline.json");

    private static readonly PolicyNode Tree = Root(
        Weighting.Equal,
        Group("recall", Weighting.Equal, 1, Leaf("mmlu"), Leaf("sciq")),
        Group("solving", Weighting.Equal, 1, Leaf("gsm8k")));

    private static Verdict Gate(GatePolicy policy, Mpg.Gate.Ingest.EvalRun baseline, Mpg.Gate.Ingest.EvalRun candidate) =>
        Comparer.Compare(policy, Scorer.Score(policy, baseline, ScoreAt), Scorer.Score(policy, candidate, ScoreAt), GateAt);

    [Fact]
    public void SameCounts_Pass()
    {
        var run = Run("m", ("mmlu", 1000, 600), ("sciq", 1000, 900), ("gsm8k", 1000, 400));

        var verdict = Gate(PolicyOf(Tree), run, run);

        Assert.Equal(VerdictResult.Pass, verdict.Result);
        var root = verdict.Nodes.Single(n => n.Id == "goodness");
        Assert.Equal(NodeStatus.Unchanged, root.Status);
        Assert.InRange(root.PRegression!.Value, 0.0, 0.5);
    }

    [Fact]
    public void LargeDrop_IsARegressionOfTheGatedNode()
    {
        var baseline = Run("base", ("mmlu", 1000, 600), ("sciq", 1000, 900), ("gsm8k", 1000, 400));
        var candidate = Run("cand", ("mmlu", 1000, 600), ("sciq", 1000, 900), ("gsm8k", 1000, 250));
        var policy = PolicyOf(Tree, rules: [new PolicyRule("goodness", null, null, null, Here), new PolicyRule("solving", 0.02, null, null, Here)]);

        var verdict = Gate(policy, baseline, candidate);

        Assert.Equal(VerdictResult.Fail, verdict.Result);
        var solving = verdict.Nodes.Single(n => n.Id == "solving");
        Assert.Equal(NodeStatus.Regression, solving.Status);
        Assert.True(solving.Gated);
        Assert.Equal(-0.15, solving.Delta!.Value, 2);
        Assert.True(solving.PRegression > 0.999);
        Assert.Equal(NodeStatus.Unchanged, verdict.Nodes.Single(n => n.Id == "recall").Status);
    }

    [Fact]
    public void BaselineWithoutAGatedLeaf_FailsClosed()
    {
        var policy = PolicyOf(Tree);
        var full = Scorer.Score(policy, Run("m", ("mmlu", 1000, 600), ("sciq", 1000, 900), ("gsm8k", 1000, 400)), ScoreAt);
        var partial = full with { Nodes = full.Nodes.Where(n => n.Id != "gsm8k").ToList() };

        var verdict = Comparer.Compare(policy, partial, full, GateAt);

        Assert.Equal(VerdictResult.Fail, verdict.Result);
        Assert.Equal(NodeStatus.Missing, verdict.Nodes.Single(n => n.Id == "goodness").Status);
        Assert.Contains("gsm8k", verdict.Nodes.Single(n => n.Id == "solving").Note);
    }

    [Fact]
    public void FloorRule_FailsBelowTheFloorEvenWithoutChange()
    {
        var run = Run("m", ("mmlu", 1000, 600), ("sciq", 1000, 900), ("gsm8k", 1000, 400));
        var policy = PolicyOf(Tree, rules: [new PolicyRule("goodness", null, null, 0.70, Here)]);

        var verdict = Gate(policy, run, run);

        Assert.Equal(VerdictResult.Fail, verdict.Result);
        Assert.Equal(NodeStatus.Floor, verdict.Rules.Single().Status);
    }

    [Fact]
    public void SmallDropWithinMargin_IsNotARegression()
    {
        var baseline = Run("base", ("mmlu", 14000, 8400), ("sciq", 1000, 900), ("gsm8k", 1000, 400));
        var candidate = Run("cand", ("mmlu", 14000, 8330), ("sciq", 1000, 900), ("gsm8k", 1000, 400));

        var verdict = Gate(PolicyOf(Tree), baseline, candidate);

        Assert.Equal(VerdictResult.Pass, verdict.Result);
    }
}
