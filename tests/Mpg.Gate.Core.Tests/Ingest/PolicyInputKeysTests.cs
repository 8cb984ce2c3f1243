using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>The inputs[] keys the readers add: scorer, partial, errors.</summary>
public sealed class PolicyInputKeysTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Keys_AreRead()
    {
        var file = dir.Write("mpg.yml", "version: 1\ninputs:\n  - { path: a.json, scorer: match, partial: 0.25, errors: exclude }\n");
        var input = PolicyLoader.Load(file).Inputs.Single();
        Assert.Equal(("match", (double?)0.25, ErrorsMode.Exclude), (input.Scorer, input.Partial, input.Errors));
    }

    [Theory]
    [InlineData("partial: 2", 3, "between 0 and 1")]
    [InlineData("errors: exclud", 3, "did you mean 'exclude'?")]
    [InlineData("scorr: match", 3, "did you mean 'scorer'?")]
    public void BadValue_IsAPolicyErrorWithItsLine(string entry, int line, string expected)
    {
        var file = dir.Write("mpg.yml", $"version: 1\ninputs:\n  - path: a.json\n    {entry}\n");
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(file));
        Assert.True(ex.Span.Line >= line, $"line {ex.Span.Line}");
        Assert.Contains(expected, ex.Message + " " + ex.Suggestion, StringComparison.Ordinal);
    }
}
