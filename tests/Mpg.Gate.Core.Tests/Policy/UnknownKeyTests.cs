using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class UnknownKeyTests
{
    [Fact]
    public void TopLevelTypo_PointsAtTheKeyAndSuggests()
    {
        var e = Assert.Throws<PolicyException>(() => Policies.Load("unknown-key.yml"));
        Assert.Equal((2, 1), (e.Span.Line, e.Span.Column));
        Assert.Equal("unknown key 'sampels' in the policy", e.Message);
        Assert.Equal("did you mean 'samples'?", e.Suggestion);
    }

    [Fact]
    public void NestedTypo_NamesItsSection()
    {
        var e = Policies.Fails("gate:\n  rules:\n    - { node: goodness, marign: 0.1 }\n");
        Assert.Equal((3, 25), (e.Span.Line, e.Span.Column));
        Assert.Equal("unknown key 'marign' in gate.rules[0]", e.Message);
        Assert.Equal("did you mean 'margin'?", e.Suggestion);
    }

    [Fact]
    public void TypoInALeaf_SuggestsFromLeafKeys()
    {
        var e = Policies.Fails("goodness:\n  - benchmark: mmlu\n    metirc: acc\n");
        Assert.Equal((3, 5), (e.Span.Line, e.Span.Column));
        Assert.Equal("unknown key 'metirc' in goodness[0]", e.Message);
        Assert.Equal("did you mean 'metric'?", e.Suggestion);
    }

    [Fact]
    public void TypoOfBenchmarkItself_IsCaught()
    {
        var e = Policies.Fails("goodness:\n  - { benchmrk: mmlu }\n");
        Assert.Equal((2, 7), (e.Span.Line, e.Span.Column));
        Assert.Equal("did you mean 'benchmark'?", e.Suggestion);
    }

    [Fact]
    public void FarOffKey_ListsTheValidKeysInstead()
    {
        var e = Policies.Fails("prior: { zzzzzz: 1 }\n");
        Assert.Null(e.Suggestion);
        Assert.Equal("unknown key 'zzzzzz' in prior; expected one of: alpha, beta", e.Message);
    }
}
