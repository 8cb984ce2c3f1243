using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class GoodnessTreeTests
{
    [Fact]
    public void Weighting_IsInheritedAndOverriddenPerGroup()
    {
        var root = Policies.Load("weighting.yml").Goodness!;
        Assert.Equal(Weighting.Size, root.Weighting);
        Assert.Equal(Weighting.Size, root.Children[0].Weighting);
        Assert.Equal(Weighting.Equal, root.Children[1].Weighting);
        Assert.Equal(0.5, root.Children[1].Weight);
        Assert.Equal(["a", "b", "c", "c-again"], root.Leaves().Select(l => l.Id));
        Assert.Equal(["a", "b", "c", "c"], root.Leaves().Select(l => l.Benchmark));
        Assert.Equal([1.0, 1.0, 3.0, 1.0], root.Leaves().Select(l => l.Weight));
    }

    [Fact]
    public void DuplicateLeaf_IsReportedAtTheSecondAndSuggestsId()
    {
        var e = Assert.Throws<PolicyException>(() => Policies.Load("duplicate-id.yml"));
        Assert.Equal((7, 9), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("duplicate node id 'gsm8k' (first at line 4)", e.Message, StringComparison.Ordinal);
        Assert.Equal("give one of them its own `id:`", e.Suggestion);
    }

    [Fact]
    public void GroupNamedLikeALeaf_IsADuplicate()
    {
        var e = Policies.Fails("goodness:\n  - mmlu\n  - name: mmlu\n    children: [a]\n");
        Assert.Equal((3, 5), (e.Span.Line, e.Span.Column));
        Assert.Equal("give one of the groups another name", e.Suggestion);
    }

    [Fact]
    public void Goodness_IsReservedForTheRoot()
    {
        var e = Policies.Fails("goodness:\n  - { benchmark: goodness }\n");
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
        Assert.Equal("'goodness' is reserved for the root of the tree", e.Message);
    }

    [Fact]
    public void GroupWithoutChildren_IsRefused()
    {
        var e = Policies.Fails("goodness:\n  - name: empty\n    weight: 2\n");
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
        Assert.Equal("group 'empty' has no children; list at least one benchmark under 'children'", e.Message);
    }

    [Fact]
    public void GroupWithAnEmptyList_IsRefused()
    {
        Assert.StartsWith("group 'g' has no children", Policies.Fails("goodness: [ { name: g, children: [] } ]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkAndChildrenTogether_AreRefused()
    {
        var e = Policies.Fails("goodness:\n  - benchmark: mmlu\n    children: [a]\n");
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("goodness[0] has both 'benchmark' and 'children'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_NeedsAName()
    {
        var e = Policies.Fails("goodness:\n  - children: [a]\n");
        Assert.Equal("the group at goodness[0] needs a 'name' (it is the group's id)", e.Message);
    }

    [Fact]
    public void NodeWithNeitherKind_IsExplained()
    {
        var e = Policies.Fails("goodness:\n  - weight: 2\n");
        Assert.StartsWith("goodness[0] is neither a leaf nor a group", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTree_IsRefused()
    {
        var e = Policies.Fails("goodness: []\n");
        Assert.Equal((1, 11), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void AliasCycle_IsAnErrorNotAHang()
    {
        var e = Policies.Fails("goodness: &tree\n  - name: loop\n    children: *tree\n");
        Assert.Equal((3, 15), (e.Span.Line, e.Span.Column));
        Assert.Equal("YAML syntax error: alias '*tree' refers to a node that contains it", e.Message);
    }

    [Fact]
    public void AliasesThatDoNotLoop_StillDuplicateIds()
    {
        var e = Policies.Fails("goodness:\n  - &g { name: g, children: [a] }\n  - *g\n");
        Assert.Equal("duplicate node id 'g' (first at line 2); rules and reports need ids to be unique", e.Message);
    }

    [Fact]
    public void NestedPath_NamesTheChild()
    {
        var e = Policies.Fails("goodness:\n  - name: g\n    children:\n      - { benchmark: a, wieght: 2 }\n");
        Assert.Equal("unknown key 'wieght' in goodness[0].children[0]", e.Message);
        Assert.Equal((4, 25), (e.Span.Line, e.Span.Column));
    }
}
