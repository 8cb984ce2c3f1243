using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>What a policy that says almost nothing means.</summary>
public class DefaultsTests
{
    private readonly GatePolicy policy = PolicyLoader.Parse("goodness: [mmlu]\n", "/work/repos/chat-bot/mpg.yml");

    [Fact]
    public void Top_level_defaults()
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
    public void Name_defaults_to_the_policy_folder()
    {
        Assert.Equal("chat-bot", policy.Name);
    }

    [Fact]
    public void Name_from_a_folder_with_spaces_is_made_valid()
    {
        Assert.Equal("my-bot", PolicyLoader.Parse("{}", "/work/my bot/mpg.yml").Name);
    }

    [Fact]
    public void Gate_defaults_to_one_rule_on_goodness_at_the_goodness_key()
    {
        Assert.Equal(0.01, policy.Gate.Margin);
        Assert.Equal(0.95, policy.Gate.Confidence);
        Assert.Equal(Correction.Holm, policy.Gate.Correction);
        Assert.Null(policy.Gate.Fastness);
        var rule = Assert.Single(policy.Gate.Rules);
        Assert.Equal(new PolicyRule("goodness", null, null, null, new SourceSpan("/work/repos/chat-bot/mpg.yml", 1, 1)), rule);
    }

    [Fact]
    public void Without_goodness_the_tree_is_null_and_the_rule_has_no_line()
    {
        var flat = PolicyLoader.Parse("samples: 500\n", "mpg.yml");
        Assert.Null(flat.Goodness);
        Assert.Equal(0, Assert.Single(flat.Gate.Rules).Span.Line);
    }

    [Fact]
    public void Gate_without_rules_still_gates_goodness()
    {
        var gated = PolicyLoader.Parse("goodness: [mmlu]\ngate: { margin: 0.05 }\n", "mpg.yml");
        Assert.Equal(0.05, gated.Gate.Margin);
        Assert.Equal("goodness", Assert.Single(gated.Gate.Rules).Node);
    }

    [Fact]
    public void Leaf_weight_is_one_and_string_items_are_leaves()
    {
        var leaf = Assert.Single(policy.Goodness!.Children);
        Assert.Equal("mmlu", leaf.Benchmark);
        Assert.Equal(1, leaf.Weight);
        Assert.Null(leaf.Metric);
    }

    [Fact]
    public void Null_values_mean_the_default()
    {
        var nulls = PolicyLoader.Parse("samples:\nseed: ~\nbaseline: null\n", "mpg.yml");
        Assert.Equal(20000, nulls.Samples);
        Assert.Equal(1, nulls.Seed);
        Assert.Null(nulls.Baseline);
    }

    [Fact]
    public void Fastness_action_defaults_to_warn()
    {
        var fast = PolicyLoader.Parse("gate: { fastness: { min_ratio: 0.8 } }", "mpg.yml");
        Assert.False(fast.Gate.Fastness!.Fail);
    }
}
