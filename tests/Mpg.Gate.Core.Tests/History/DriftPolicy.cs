using Mpg.Gate.History;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.History;

/// <summary><c>gate.drift</c> and the history baseline syntax: defaults, and bad values at their line.</summary>
public class DriftPolicy
{
    private const string Tree = "goodness:\n  - { benchmark: a }\n  - { benchmark: b }\n";

    [Fact]
    public void Drift_TakesTheGatesMarginAndGoodnessByDefault()
    {
        var drift = PolicyLoader.Parse(Tree + "gate:\n  margin: 0.02\n  drift: { window: 5 }\n", "p.yml").Gate.Drift!;

        Assert.Equal((5, 0.02, "goodness", (string?)null, 6), (drift.Window, drift.Margin, drift.Node, drift.Branch, drift.Span.Line));
    }

    [Theory]
    [InlineData("  drift: { window: 0 }\n", "between 1 and 1000")]
    [InlineData("  drift: { node: c }\n", "c")]
    [InlineData("  drift: { windwo: 3 }\n", "window")]
    public void BadDrift_IsAPolicyErrorAtItsLine(string yaml, string said)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(Tree + "gate:\n" + yaml, "p.yml"));

        Assert.Equal(5, error.Span.Line);
        Assert.Contains(said, error.Message + error.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history:main", "main", 1)]
    [InlineData("history:release/2.0", "release/2.0", 1)]
    [InlineData("history:main~median-of-5", "main", 5)]
    [InlineData("history:base", "base", 1)]
    public void HistoryBaselines_Parse(string value, string branch, int medianOf) =>
        Assert.Equal(new HistoryBaseline(branch, medianOf), HistoryBaseline.Parse(value, SourceSpan.None("p.yml")));

    [Theory]
    [InlineData("history:")]
    [InlineData("history:main~mean-of-5")]
    [InlineData("history:main~median-of-0")]
    public void BadHistoryBaselines_SayTheForms(string value) =>
        Assert.Contains("history:", Assert.Throws<PolicyException>(() => HistoryBaseline.Parse(value, SourceSpan.None("p.yml"))).Message, StringComparison.Ordinal);
}
