using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class LoadTests
{
    [Fact]
    public void MissingFile_HasNoLine()
    {
        var path = Policies.Data("no-such-policy.yml");
        var e = Assert.Throws<PolicyException>(() => PolicyLoader.Load(path));
        Assert.Equal(SourceSpan.None(path), e.Span);
        Assert.Equal($"policy file not found: {path}", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void EmptyPolicy_SaysWhatIsExpected(string yaml)
    {
        var e = Policies.Fails(yaml);
        Assert.StartsWith("the policy is empty; expected a mapping with at least `goodness`", e.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void TopLevelList_IsRefused()
    {
        var e = Policies.Fails("- mmlu\n");
        Assert.Equal("expected a mapping of policy keys at the top of the policy, got a list", e.Message);
    }

    [Fact]
    public void Load_ReportsTheFileInSpans()
    {
        var policy = Policies.Load("minimal.yml");
        Assert.Equal(Policies.Data("minimal.yml"), policy.File);
        Assert.Equal(Policies.Data("minimal.yml"), policy.Goodness!.Children[0].Span.File);
        Assert.Equal("policies", policy.Name);
    }
}
