using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class RuleNodeTests
{
    [Fact]
    public void UnknownRuleNode_IsReportedAtTheRuleWithASuggestion()
    {
        var e = Assert.Throws<PolicyException>(() => Policies.Load("unknown-rule-node.yml"));
        Assert.Equal((8, 7), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("rule node 'problem-solvng' is not in the goodness tree", e.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'problem-solving'?", e.Suggestion);
    }

    [Fact]
    public void LeafIds_CanBeGated()
    {
        var policy = PolicyLoader.Parse("goodness: [mmlu, { benchmark: gsm8k, id: math }]\ngate: { rules: [ { node: math, confidence: 0.99 }, { node: mmlu, floor: 0.5 } ] }\n", "mpg.yml");
        Assert.Equal(0.99, policy.Gate.Rules[0].Confidence);
        Assert.Equal(0.5, policy.Gate.Rules[1].Floor);
    }

    [Fact]
    public void BenchmarkNameOfALeafWithItsOwnId_IsNotAnId()
    {
        var e = Policies.Fails("goodness: [{ benchmark: gsm8k, id: math }]\ngate: { rules: [ { node: gsm8k } ] }\n");
        Assert.Equal((2, 18), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void WithoutATree_OnlyGoodnessIsCheckedLater()
    {
        var policy = PolicyLoader.Parse("gate: { rules: [ { node: mmlu } ] }\n", "mpg.yml");
        Assert.Equal("mmlu", policy.Gate.Rules[0].Node);
        var e = Assert.Throws<PolicyException>(() => PolicyValidator.CheckRuleNodes(policy.Gate.Rules, ["mmlu_pro", "gsm8k"]));
        Assert.Equal("did you mean 'mmlu_pro'?", e.Suggestion);
        Assert.Equal((1, 18), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void RuleWithoutNode_IsRefused()
    {
        var e = Policies.Fails("gate:\n  rules:\n    - margin: 0.1\n");
        Assert.Equal((3, 7), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("'gate.rules[0]' needs a 'node'", e.Message, StringComparison.Ordinal);
    }
}
