namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The public leaderboard tables in tests/data (ObsScaling, one row per model, one column per benchmark, no item
/// counts) are not eval outputs a gate can count: auto-detection must say so, naming the file and the formats it tried.
/// </summary>
public sealed class LeaderboardTables : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Theory]
    [InlineData("base_llm_benchmark_eval.csv")]
    [InlineData("instruct_llm_benchmark_eval.csv")]
    public void WideLeaderboard_IsAnInputErrorListingTheFormatsTried(string file)
    {
        var result = mpg.Run("score", "-i", Mpg.Data("leaderboards", "ObsScaling", file));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}: error MPG3001: not a recognised eval output (tried lm-eval, inspect, promptfoo, meai, jsonl, csv)", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }
}
