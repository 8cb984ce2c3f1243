using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary><c>mpg.yml.sample</c> documents every key; it must stay a valid policy.</summary>
public class SampleFileTests
{
    private static string SamplePath => Path.Combine(Policies.RepoRoot(), "mpg.yml.sample");

    [Fact]
    public void Sample_Loads()
    {
        var policy = PolicyLoader.Load(SamplePath);
        Assert.Equal("chat-assistant", policy.Name);
        Assert.Equal(3, policy.Inputs.Count);
        Assert.Equal(new InputSpec("evals/custom/answers.csv", InputFormat.Csv, policy.Inputs[2].Span, "support_faq", "my-model", ClusterBy: "passage"), policy.Inputs[2]);
        Assert.Equal(Weighting.Size, policy.Goodness!.Children[0].Weighting);
        Assert.Equal(Weighting.Equal, policy.Goodness.Children[1].Weighting);
        Assert.Contains(policy.Goodness.Leaves(), l => l.Id == "gsm8k-flexible" && l.Benchmark == "gsm8k");
        Assert.Equal(5, policy.Gate.Rules.Count);
        Assert.Equal(0.5, policy.Gate.Rules[4].MinPassAll);
        Assert.True(policy.GitHub.Comment == CommentMode.Always && !policy.GitHub.Required);
        Assert.Equal(GateScope.Rules, policy.Gate.Scope);
        Assert.Equal(100, policy.Gate.MinN);
        Assert.Equal(0.05, policy.Gate.MaxUnmatched);
        Assert.Equal(1000, policy.Gate.Rules.Single(r => r.Node == "mmlu").MinN);
    }

    [Fact]
    public void GateScope_AndBadValues_AreCheckedWithTheirLine()
    {
        Assert.Equal(GateScope.Groups, PolicyLoader.Parse("gate:\n  scope: groups\n", "p.yml").Gate.Scope);
        var scope = Assert.Throws<PolicyException>(() => PolicyLoader.Parse("gate:\n  scope: group\n", "p.yml"));
        Assert.Equal(2, scope.Span.Line);
        Assert.Equal("did you mean 'groups'?", scope.Suggestion);
        Assert.Equal(3, Assert.Throws<PolicyException>(() => PolicyLoader.Parse("gate:\n  min_n: 10\n  max_unmatched: 2\n", "p.yml")).Span.Line);
        Assert.Equal(2, Assert.Throws<PolicyException>(() => PolicyLoader.Parse("gate:\n  min_n: -1\n", "p.yml")).Span.Line);
    }

    [Theory]
    [InlineData("version:")]
    [InlineData("name:")]
    [InlineData("samples:")]
    [InlineData("seed:")]
    [InlineData("level:")]
    [InlineData("prior:")]
    [InlineData("weighting:")]
    [InlineData("inputs:")]
    [InlineData("format:")]
    [InlineData("benchmark:")]
    [InlineData("model:")]
    [InlineData("goodness:")]
    [InlineData("weight:")]
    [InlineData("children:")]
    [InlineData("metric:")]
    [InlineData("id:")]
    [InlineData("fastness:")]
    [InlineData("baseline:")]
    [InlineData("gate:")]
    [InlineData("margin:")]
    [InlineData("confidence:")]
    [InlineData("correction:")]
    [InlineData("rules:")]
    [InlineData("floor:")]
    [InlineData("min_ratio:")]
    [InlineData("action:")]
    [InlineData("report:")]
    [InlineData("markdown:")]
    [InlineData("junit:")]
    [InlineData("json:")]
    [InlineData("github:")]
    [InlineData("comment:")]
    [InlineData("required:")]
    [InlineData("history:")]
    [InlineData("scope:")]
    [InlineData("min_n:")]
    [InlineData("max_unmatched:")]
    [InlineData("cluster_by:")]
    public void Sample_ShowsEveryKey(string key)
    {
        Assert.Contains(key, File.ReadAllText(SamplePath), StringComparison.Ordinal);
    }
}
