namespace Mpg.Gate.Cli.Tests;

/// <summary>Every user error ends in one message naming the file (and line) and the documented exit code.</summary>
public sealed class BadPolicyAndInputs : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private Mpg.Result Score(string policy, string input) => mpg.Run("score", "-p", policy, "-i", input);

    [Theory]
    [InlineData("syntax-error.yml", 5)]
    [InlineData("unknown-key.yml", 3)]
    [InlineData("unknown-benchmark.yml", 5)]
    public void PolicyError_Exits2AndNamesTheLine(string file, int line)
    {
        var result = Score(Mpg.Data("cli", file), Mpg.SameSuite("Qwen__Qwen2.5-3B"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}({line},", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error MPG2001", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void UnknownKeyAndBenchmark_SuggestTheNearestName()
    {
        Assert.Contains("did you mean 'samples'", Score(Mpg.Data("cli", "unknown-key.yml"), Mpg.SameSuite("Qwen__Qwen2.5-3B")).Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'arc_challenge'", Score(Mpg.Data("cli", "unknown-benchmark.yml"), Mpg.SameSuite("Qwen__Qwen2.5-3B")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInput_Exits3AndNamesTheFile()
    {
        var result = Score(Mpg.Data("cli", "suite.yml"), "no-such-results.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no-such-results.json", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void TruncatedInput_Exits3AndNamesTheFile()
    {
        var text = File.ReadAllText(Mpg.SameSuite("Qwen__Qwen2.5-3B"));
        File.WriteAllText(mpg.PathOf("results_truncated.json"), text[..(text.Length / 2)]);

        var result = Score(Mpg.Data("cli", "suite.yml"), "results_truncated.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("results_truncated.json", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error MPG3001", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void MissingPolicy_Exits2()
    {
        var result = Score(mpg.PathOf("nope.yml"), Mpg.SameSuite("Qwen__Qwen2.5-3B"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yml", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrMalformedBaseline_Exits3()
    {
        File.WriteAllText(mpg.PathOf("bad.json"), "{\"schema\": \"mpg.scorecard/1\", \"nodes\": [");
        foreach (var baseline in new[] { "absent.json", "bad.json" })
        {
            var result = mpg.Run("gate", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--baseline", baseline);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains(baseline, result.Stderr, StringComparison.Ordinal);
            Assert.False(result.HasStackTrace, result.Stderr);
        }
    }

    [Fact]
    public void UnknownOption_Exits2()
    {
        var result = mpg.Run("score", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void SeveralModelsInTheInputs_Exits3ListingThem()
    {
        var result = Score(Mpg.Data("cli", "suite.yml"), Mpg.Data("lm-eval", "v0.4-same-suite"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Qwen/Qwen2.5-3B", result.Stderr, StringComparison.Ordinal);
    }
}
