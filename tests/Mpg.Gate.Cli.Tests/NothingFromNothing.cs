namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Inputs with no metric that can be scored (an error metric such as <c>mae</c>, NaN, a string): never a Goodness made
/// of no items, and the input file, not the policy, gets the blame for a bad value.
/// </summary>
public sealed class NothingFromNothing : IDisposable
{
    private const string Results = "results_2025-01-01T00-00-00.000001.json";

    private readonly Mpg mpg = new();

    public NothingFromNothing()
    {
        Directory.CreateDirectory(mpg.PathOf("run-1"));
        File.WriteAllText(Path.Combine(mpg.PathOf("run-1"), Results), """
            {"results": {"reg_task": {"alias": "reg_task", "mae,none": 3.7, "mae_stderr,none": 0.2},
                         "nan_task": {"alias": "nan_task", "acc,none": NaN, "acc_stderr,none": NaN},
                         "str_task": {"alias": "str_task", "acc,none": "0.5"}},
             "n-samples": {"reg_task": {"original": 100, "effective": 100}, "nan_task": {"original": 50, "effective": 50},
                           "str_task": {"original": 10, "effective": 10}},
             "config": {"model_args": "pretrained=org/model"}}
            """);
    }

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void WithoutAPolicy_IsAnInputError_ListingWhatTheFileHas()
    {
        var result = mpg.Run("score", "-i", "run-1");

        Assert.Equal(3, result.ExitCode);
        Assert.DoesNotContain("goodness", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Results}: error MPG3001: no benchmark in the inputs has a metric that can be scored", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("reg_task: mae,none = 3.7", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nan_task: acc,none = NaN or Infinity", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("str_task: acc,none = \"0.5\"", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Theory]
    [InlineData("reg_task", "mae", "mae,none", "3.7")]
    [InlineData("nan_task", "acc", "acc,none", "NaN or Infinity")]
    [InlineData("str_task", "acc", "acc,none", "\"0.5\"")]
    public void APolicyNamingAMetricWithABadValue_BlamesTheInputFile(string benchmark, string metric, string key, string value)
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $$"""
            version: 1
            inputs: [ { path: "run-1/**/results_*.json" } ]
            goodness:
              - { benchmark: {{benchmark}}, metric: {{metric}} }
            """);

        var result = mpg.Run("score");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{Results}: error MPG3001: benchmark '{benchmark}': metric '{key}' is {value}, not a proportion in [0,1]", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void APolicyNamingAMetricThatIsNowhere_IsStillAPolicyErrorAtItsLine()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), """
            version: 1
            inputs: [ { path: "run-1/**/results_*.json" } ]
            goodness:
              - { benchmark: reg_task, metric: rmse }
            """);

        var result = mpg.Run("score");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mpg.yml(4,5): error MPG2001: benchmark 'reg_task' has no metric 'rmse'; it has: mae,none = 3.7", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesWithoutAPolicyFile_AreTheDefault()
    {
        var run = Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct");
        Assert.Equal(0, mpg.Run("score", "-i", run, "-o", "card.json").ExitCode);

        var result = mpg.Run("gate", "-i", run, "--baseline", "card.json", "--json", "verdict.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("(default)", mpg.Json("verdict.json").Node("goodness").GetProperty("rule").GetString());
        Assert.DoesNotContain("mpg.yml:0", result.Stdout, StringComparison.Ordinal);
    }
}
