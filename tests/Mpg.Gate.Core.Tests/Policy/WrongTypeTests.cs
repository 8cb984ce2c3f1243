using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class WrongTypeTests
{
    [Fact]
    public void WordForAnInteger_PointsAtTheValue()
    {
        var e = Assert.Throws<PolicyException>(() => Policies.Load("wrong-type.yml"));
        Assert.Equal((2, 10), (e.Span.Line, e.Span.Column));
        Assert.Equal("expected an integer for 'samples', got 'many'", e.Message);
    }

    [Fact]
    public void ScalarForTheTree_IsATypeError()
    {
        var e = Policies.Fails("goodness: 3\n");
        Assert.Equal((1, 11), (e.Span.Line, e.Span.Column));
        Assert.Equal("expected a list of groups and benchmarks for 'goodness', got '3'", e.Message);
    }

    [Fact]
    public void ListWhereAMapping_IsExpected()
    {
        var e = Policies.Fails("gate:\n  - margin: 0.1\n");
        Assert.Equal((2, 3), (e.Span.Line, e.Span.Column));
        Assert.Equal("expected a mapping for 'gate', got a list", e.Message);
    }

    [Fact]
    public void DecimalComma_IsNotANumber()
    {
        var e = Policies.Fails("gate: { margin: '0,02' }\n");
        Assert.Equal("expected a number for 'gate.margin', got '0,02'", e.Message);
    }

    [Fact]
    public void Numbers_UseTheInvariantCultureAndUnderscores()
    {
        var policy = PolicyLoader.Parse("samples: 20_000\nlevel: 0.9\nprior: { alpha: 0.5, beta: 2e0 }\n", "mpg.yml");
        Assert.Equal(20000, policy.Samples);
        Assert.Equal(0.9, policy.Level);
        Assert.Equal(new Prior(0.5, 2), policy.Prior);
    }

    [Fact]
    public void NonBooleanForRequired_IsATypeError()
    {
        var e = Policies.Fails("github: { required: maybe }\n");
        Assert.Equal((1, 21), (e.Span.Line, e.Span.Column));
        Assert.Equal("expected true or false for 'github.required', got 'maybe'", e.Message);
    }

    [Fact]
    public void MappingForAString_IsATypeError()
    {
        var e = Policies.Fails("baseline: { file: x }\n");
        Assert.Equal("expected a string for 'baseline', got a mapping", e.Message);
    }
}
