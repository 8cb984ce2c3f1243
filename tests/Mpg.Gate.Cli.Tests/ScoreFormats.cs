using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

public sealed class ScoreFormats : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private Mpg.Result Score(params string[] extra) =>
        mpg.Run(["score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), .. extra]);

    [Fact]
    public void JsonOnStdout_IsTheScorecard()
    {
        var result = Score("--format", "json", "--json", "card.json");

        var printed = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("mpg.scorecard/1", printed.GetProperty("schema").GetString());
        Assert.Equal(File.ReadAllText(mpg.PathOf("card.json")), result.Stdout);
    }

    [Fact]
    public void Markdown_HasATableRowPerNode()
    {
        var result = Score("--format", "markdown");

        var rows = result.Stdout.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + 14, rows.Count); // header + goodness, 3 groups, 10 leaves
        Assert.Contains(rows, r => r.StartsWith("| mmlu | 14,042 |", StringComparison.Ordinal));
    }

    [Fact]
    public void Verbose_SaysWhereEachLeafCameFrom()
    {
        var result = Score("-v");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mpg: score: arc_challenge: metric acc,none, n 1172,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("mpg: score: read ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFormat_IsAUsageError()
    {
        Assert.Equal(2, Score("--format", "yaml").ExitCode);
    }
}
