using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class SyntaxErrorTests
{
    [Fact]
    public void UnclosedFlowMapping_IsReportedAtItsPositionWithoutYamldotnetNoise()
    {
        var e = Assert.Throws<PolicyException>(() => Policies.Load("syntax-error.yml"));
        Assert.Equal(Policies.Data("syntax-error.yml"), e.Span.File);
        Assert.Equal((4, 3), (e.Span.Line, e.Span.Column));
        Assert.StartsWith("YAML syntax error: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedFlowList_KeepsYamldotnetsReasonWithoutItsPositionPrefix()
    {
        var e = Policies.Fails("a: [1, 2\n");
        Assert.Equal((2, 1), (e.Span.Line, e.Span.Column));
        Assert.Equal("YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'.", e.Message);
    }

    [Fact]
    public void BadIndentation_IsAPolicyError()
    {
        var e = Policies.Fails("name: a\n  samples: 100\n");
        Assert.Equal(2, e.Span.Line);
    }

    [Fact]
    public void DuplicateKey_IsAPolicyErrorAtTheSecondKey()
    {
        var e = Policies.Fails("samples: 100\nsamples: 200\n");
        Assert.Equal(2, e.Span.Line);
        Assert.Equal(1, e.Span.Column);
    }

    [Fact]
    public void UnknownAlias_IsAPolicyError()
    {
        var e = Policies.Fails("samples: *nope\n");
        Assert.Equal(1, e.Span.Line);
    }

    [Fact]
    public void TwoDocuments_AreRefusedAtTheSecond()
    {
        var e = Policies.Fails("samples: 100\n---\nseed: 2\n");
        Assert.Equal(3, e.Span.Line);
        Assert.Contains("more than one YAML document", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsRefusedWithoutAStackOverflow()
    {
        var e = Policies.Fails("goodness: " + new string('[', 100_000));
        Assert.Equal(1, e.Span.Line);
    }
}
