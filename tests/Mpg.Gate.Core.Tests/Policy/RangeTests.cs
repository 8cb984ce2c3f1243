using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>Values of the right type but outside what the method accepts.</summary>
public class RangeTests
{
    [Theory]
    [InlineData("version: 2", "'version' must be 1 (the only policy version this mpg reads), got '2'")]
    [InlineData("samples: 99", "'samples' must be at least 100, got '99'")]
    [InlineData("level: 1", "'level' must be between 0 and 1 (exclusive), got '1'")]
    [InlineData("prior: { alpha: 0 }", "'prior.alpha' must be greater than 0, got '0'")]
    [InlineData("gate: { margin: 1 }", "'gate.margin' must be at least 0 and below 1, got '1'")]
    [InlineData("gate: { confidence: 0.4 }", "'gate.confidence' must be at least 0.5 and below 1, got '0.4'")]
    [InlineData("gate: { rules: [ { node: goodness, floor: 1.5 } ] }", "'gate.rules[0].floor' must be between 0 and 1, got '1.5'")]
    [InlineData("gate: { fastness: { min_ratio: 0 } }", "'gate.fastness.min_ratio' must be greater than 0, got '0'")]
    [InlineData("goodness: [ { benchmark: a, weight: -1 } ]", "'goodness[0].weight' must be greater than 0, got '-1'")]
    [InlineData("level: .nan", "expected a number for 'level', got '.nan'")]
    public void OutOfRangeValue_IsRefused(string yaml, string message)
    {
        var e = Policies.Fails(yaml);
        Assert.Equal(message, e.Message);
        Assert.Equal(1, e.Span.Line);
    }

    [Fact]
    public void NameWithSpaces_IsRefusedWithAFixedSuggestion()
    {
        var e = Policies.Fails("name: chat assistant\n");
        Assert.Equal((1, 7), (e.Span.Line, e.Span.Column));
        Assert.Equal("did you mean 'chat-assistant'?", e.Suggestion);
    }

    [Fact]
    public void FastnessRule_NeedsMinRatio()
    {
        var e = Policies.Fails("gate:\n  fastness: { action: fail }\n");
        Assert.Equal((2, 13), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void EmptyRules_FailClosed()
    {
        var e = Policies.Fails("gate: { rules: [] }\n");
        Assert.StartsWith("'gate.rules' is empty", e.Message, StringComparison.Ordinal);
    }
}
