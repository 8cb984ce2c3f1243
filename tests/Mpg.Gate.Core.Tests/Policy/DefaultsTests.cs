using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>What a policy that says almost nothing means.</summary>
public class DefaultsTests
{
    private readonly GatePolicy policy = PolicyLoader.Parse("goodness: [mmlu]\n", "/work/repos/chat-bot/mpg.yml");

    [Fact]
    public void TopLevel_Defaults()
    {
        Assert.Equal(1, policy.Version);
        Assert.Equal(20000, policy.Samples);
        Assert.Equal(1, policy.Seed);
        Assert.Equal(0.95, policy.Level);
        Assert.Equal(Prior.Uniform, policy.Prior);
        Assert.Empty(policy.Inputs);
        Assert.Equal(FastnessSpec.Default, policy.Fastness);
        Assert.Null(policy.Baseline);
        Assert.Null(policy.History);
        Assert.Equal(ReportSpec.Empty, policy.Report);
        Assert.Equal(GitHubSpec.Default, policy.GitHub);
        Assert.Equal(Weighting.Equal, policy.Weighting);
    }

    [Fact]
    public void Name_DefaultsToThePolicyFolder()
    {
        Assert.Equal("chat-bot", policy.Name);
    }

    [Fact]
    public void NameFromAFolderWithSpaces_IsMadeValid()
    {
        Assert.Equal("my-bot", PolicyLoader.Parse("{}", "/work/my bot/mpg.yml").Name);
    }

    [Fact]
    public void Gate_DefaultsToOneRuleOnGoodnessAtTheGoodnessKey()
    {
        Assert.Equal(0.01, policy.Gate.Margin);
        Assert.Equal(0.95, policy.Gate.Confidence);
        Assert.Equal(Correction.Holm, policy.Gate.Correction);
        Assert.Null(policy.Gate.Fastness);
        var rule = Assert.Single(policy.Gate.Rules);
        Assert.Equal(new PolicyRule("goodness", null, null, null, new SourceSpan("/work/repos/chat-bot/mpg.yml", 1, 1)), rule);
    }

    [Fact]
    public void WithoutGoodness_TheTreeIsNullAndTheRuleHasNoLine()
    {
        var flat = PolicyLoader.Parse("samples: 500\n", "mpg.yml");
        Assert.Null(flat.Goodness);
        Assert.Equal(0, Assert.Single(flat.Gate.Rules).Span.Line);
    }

    [Fact]
    public void GateWithoutRules_StillGatesGoodness()
    {
        var gated = PolicyLoader.Parse("goodness: [mmlu]\ngate: { margin: 0.05 }\n", "mpg.yml");
        Assert.Equal(0.05, gated.Gate.Margin);
        Assert.Equal("goodness", Assert.Single(gated.Gate.Rules).Node);
    }

    [Fact]
    public void LeafWeight_IsOneAndStringItemsAreLeaves()
    {
        var leaf = Assert.Single(policy.Goodness!.Children);
        Assert.Equal("mmlu", leaf.Benchmark);
        Assert.Equal(1, leaf.Weight);
        Assert.Null(leaf.Metric);
    }

    [Fact]
    public void NullValues_MeanTheDefault()
    {
        var nulls = PolicyLoader.Parse("samples:\nseed: ~\nbaseline: null\n", "mpg.yml");
        Assert.Equal(20000, nulls.Samples);
        Assert.Equal(1, nulls.Seed);
        Assert.Null(nulls.Baseline);
    }

    [Fact]
    public void FastnessAction_DefaultsToWarn()
    {
        var fast = PolicyLoader.Parse("gate: { fastness: { min_ratio: 0.8 } }", "mpg.yml");
        Assert.False(fast.Gate.Fastness!.Fail);
    }
}
