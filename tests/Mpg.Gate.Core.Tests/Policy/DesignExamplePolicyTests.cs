using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>The example policy of DESIGN.md, verbatim, parses into the tree and rules it describes.</summary>
public class DesignExamplePolicyTests
{
    private readonly GatePolicy policy = Policies.Load("design-example.yml");

    [Fact]
    public void Scalars_AreRead()
    {
        Assert.Equal(1, policy.Version);
        Assert.Equal("chat-assistant", policy.Name);
        Assert.Equal(20000, policy.Samples);
        Assert.Equal(1, policy.Seed);
        Assert.Equal(0.95, policy.Level);
        Assert.Equal(new Prior(1, 1), policy.Prior);
        Assert.Equal(".mpg/baseline.json", policy.Baseline);
        Assert.Equal("sqlite:.mpg/history.db", policy.History);
        Assert.Equal(FastnessMetric.Qps, policy.Fastness.Metric);
    }

    [Fact]
    public void Inputs_KeepPathFormatAndLine()
    {
        var input = Assert.Single(policy.Inputs);
        Assert.Equal("evals/out/**/results_*.json", input.Path);
        Assert.Equal(InputFormat.LmEval, input.Format);
        Assert.Equal(8, input.Span.Line);
        Assert.Equal(5, input.Span.Column);
    }

    [Fact]
    public void Tree_HasGroupsAndLeavesWithIdsWeightsAndMetrics()
    {
        var root = policy.Goodness!;
        Assert.Equal("goodness", root.Id);
        Assert.Equal(["factual-recall", "problem-solving"], root.Children.Select(c => c.Id));
        Assert.Equal([1.0, 2.0], root.Children.Select(c => c.Weight));
        Assert.Equal(["mmlu", "truthfulqa_mc2", "gsm8k", "arc_challenge"], root.Leaves().Select(l => l.Id));
        Assert.Equal(["acc", null, "exact_match,strict-match", "acc_norm"], root.Leaves().Select(l => l.Metric));
        Assert.All(root.Leaves(), l => Assert.Equal(l.Id, l.Benchmark));
        Assert.All(root.DescendantsAndSelf(), n => Assert.Equal(Weighting.Equal, n.Weighting));
    }

    [Fact]
    public void Nodes_KnowTheirLines()
    {
        var root = policy.Goodness!;
        Assert.Equal(new SourceSpan(Policies.Data("design-example.yml"), 10, 1), root.Span);
        Assert.Equal(11, root.Children[0].Span.Line);
        Assert.Equal(5, root.Children[0].Span.Column);
        var gsm8k = root.Leaves().Single(l => l.Id == "gsm8k");
        Assert.Equal(18, gsm8k.Span.Line);
        Assert.Equal(9, gsm8k.Span.Column);
    }

    [Fact]
    public void GateRules_CarryMarginsAndFloors()
    {
        var gate = policy.Gate;
        Assert.Equal(0.01, gate.Margin);
        Assert.Equal(0.95, gate.Confidence);
        Assert.Equal(Correction.Holm, gate.Correction);
        Assert.Equal(["goodness", "problem-solving", "goodness"], gate.Rules.Select(r => r.Node));
        Assert.Equal([null, 0.02, null], gate.Rules.Select(r => r.Margin));
        Assert.Equal([null, null, 0.60], gate.Rules.Select(r => r.Floor));
        Assert.All(gate.Rules, r => Assert.Null(r.Confidence));
        Assert.Equal([27, 28, 29], gate.Rules.Select(r => r.Span.Line));
    }

    [Fact]
    public void FastnessRule_WarnsBelowRatio()
    {
        var rule = policy.Gate.Fastness!;
        Assert.Equal(0.90, rule.MinRatio);
        Assert.False(rule.Fail);
        Assert.Equal(30, rule.Span.Line);
    }

    [Fact]
    public void ReportAndGithub_AreRead()
    {
        Assert.Equal(new ReportSpec("artifacts/mpg.md", "artifacts/mpg.junit.xml", "artifacts/mpg.json"), policy.Report);
        Assert.Equal(new GitHubSpec(CommentMode.Always, false), policy.GitHub);
    }
}
