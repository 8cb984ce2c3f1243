namespace Mpg.Gate.Cli.Tests;

/// <summary><c>--threads N</c> and <c>MPG_THREADS</c> limit the cores; the bytes written never depend on how many.</summary>
public sealed class ThreadsOption : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void SamplesFilesOnOneAndTwoThreads_WriteTheSameScorecard()
    {
        // Three samples files (one per task) beside a results file: the files are read on separate cores with --threads 2.
        var run = Mpg.Data("lm-eval", "with-samples", "negotiationtom__Qwen3-8B");
        var one = mpg.Run("score", "-i", run, "--threads", "1", "-o", "one.json");
        var two = mpg.Run("score", "-i", run, "--threads", "2", "-o", "two.json");
        var env = mpg.RunWith(name => name == "MPG_THREADS" ? "2" : null, "score", "-i", run, "-o", "env.json");

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.True(env.ExitCode == 0, env.Stderr);
        var bytes = File.ReadAllBytes(mpg.PathOf("one.json"));
        Assert.Contains("\"source\": \"samples\"", File.ReadAllText(mpg.PathOf("one.json")), StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(mpg.PathOf("two.json")));
        Assert.Equal(bytes, File.ReadAllBytes(mpg.PathOf("env.json")));
    }

    [Fact]
    public void RankOnOneAndTwoThreads_WritesTheSameRanking()
    {
        var suite = Mpg.Data("lm-eval", "v0.4-same-suite");
        // Seven runs: each read and scored on its own core with --threads 2, the rank counts summed over chunks of draws.
        var policy = Mpg.Data("cli", "suite.yml");
        var one = mpg.Run("rank", "-p", policy, "-i", suite, "--samples", "2000", "--threads", "1", "--json", "one.json");
        var two = mpg.Run("rank", "-p", policy, "-i", suite, "--samples", "2000", "--threads", "2", "--json", "two.json");

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.Equal(one.Stdout, two.Stdout);
        Assert.Equal(File.ReadAllBytes(mpg.PathOf("one.json")), File.ReadAllBytes(mpg.PathOf("two.json")));
    }

    [Theory]
    [InlineData("paired")]
    [InlineData("lm-eval")]
    public void GateOnOneAndTwoThreads_WritesTheSameVerdict(string example)
    {
        // The paired example's three leaves are paired on separate cores with --threads 2; the lm-eval example's are drawn
        // unpaired, each side's leaves on separate cores.
        var copy = mpg.PathOf(example);
        Mpg.CopyDirectory(ExampleAndInit.Example(example), copy);
        var policy = Path.Combine(copy, "mpg.yml");
        var one = mpg.Run("gate", "-p", policy, "--threads", "1", "--json", "one.json", "--report-md", "one.md");
        var two = mpg.Run("gate", "-p", policy, "--threads", "2", "--json", "two.json", "--report-md", "two.md");

        Assert.True(one.ExitCode is 0 or 1, one.Stderr);
        Assert.Equal(one.ExitCode, two.ExitCode);
        Assert.Equal(one.Stdout, two.Stdout);
        Assert.Equal(File.ReadAllBytes(mpg.PathOf("one.json")), File.ReadAllBytes(mpg.PathOf("two.json")));
        Assert.Equal(File.ReadAllBytes(mpg.PathOf("one.md")), File.ReadAllBytes(mpg.PathOf("two.md")));
        Assert.Contains("\"nodes\"", File.ReadAllText(mpg.PathOf("one.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void ThreadsBelowOne_ExitsTwoNamingTheOption(string threads)
    {
        var result = mpg.Run("score", "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--threads", threads);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threads", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public void MpgThreadsNotANumber_ExitsTwoNamingTheVariable()
    {
        var result = mpg.RunWith(name => name == "MPG_THREADS" ? "many" : null, "score", "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MPG_THREADS='many'", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }
}
