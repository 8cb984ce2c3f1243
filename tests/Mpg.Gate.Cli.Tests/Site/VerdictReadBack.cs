using Mpg.Gate.Serialization;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// The history keeps each verdict as its JSON and the site reads it back (<see cref="VerdictFile.Parse"/>): read and
/// written again, a real verdict gives its own bytes, and the PR comment rendered from it is the comment the gate wrote.
/// </summary>
public sealed class VerdictReadBack : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Theory]
    [InlineData("paired")]
    [InlineData("lm-eval")]
    public void RealVerdict_ReadsBackToTheSameBytesAndComment(string example)
    {
        var copy = mpg.PathOf(example);
        Mpg.CopyDirectory(ExampleAndInit.Example(example), copy);
        var gate = mpg.Run("gate", "-p", Path.Combine(copy, "mpg.yml"), "--json", "verdict.json", "--report-md", "comment.md");
        Assert.True(gate.ExitCode is 0 or 1, gate.Stderr);
        var json = File.ReadAllText(mpg.PathOf("verdict.json"));

        var verdict = VerdictFile.Parse(json, "verdict.json");

        Assert.Equal(json, VerdictFile.ToJson(verdict));
        Assert.Equal(File.ReadAllText(mpg.PathOf("comment.md")), Reports.VerdictMarkdown.Render(verdict));
    }

    [Fact]
    public void NotAVerdict_IsAnInputErrorNamingTheSource()
    {
        var error = Assert.Throws<Ingest.InputException>(() => VerdictFile.Parse("{\"schema\": \"mpg.scorecard/1\"}", "store record 7"));

        Assert.Equal("store record 7", error.File);
        Assert.StartsWith("not a verdict", error.Message, StringComparison.Ordinal);
    }
}
