namespace Mpg.Gate.Cli.Tests;

/// <summary><c>--model</c> picks one model of many; every format's bad input exits 3 naming the file, never a stack trace.</summary>
public sealed class ModelOptionAndFormats : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private string TwoModels()
    {
        File.WriteAllText(mpg.PathOf("runs.csv"), "model,benchmark,n,successes\nalpha,faq,100,70\nbeta,faq,100,80\n");
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nsamples: 2000\ninputs:\n  - runs.csv\n");
        return mpg.PathOf("mpg.yml");
    }

    [Fact]
    public void SeveralModelsWithoutModel_Exits3ListingThem()
    {
        var result = mpg.Run("score", "-p", TwoModels());

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("alpha, beta", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--model", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void ModelOption_ScoresThatModel()
    {
        var result = mpg.Run("score", "-p", TwoModels(), "--model", "beta", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var card = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("beta", card.GetProperty("model").GetString());
        var leaf = card.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "faq");
        Assert.Equal(80, leaf.GetProperty("successes").GetDouble());
    }

    [Fact]
    public void Gate_TakesModelToo()
    {
        var policy = TwoModels();
        Assert.Equal(0, mpg.Run("score", "-p", policy, "--model", "alpha", "-o", "base.json").ExitCode);

        var result = mpg.Run("gate", "-p", policy, "--model", "beta", "--baseline", "base.json");

        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("log.json", """{"version": 2, "status": "started", "eval": {"task": "t", "model": "m"}}""")]
    [InlineData("out.json", """{"evalId": "e", "results": {"version": 3, "results": [{"provider": {"id": "a"}, "success": 3}]}}""")]
    [InlineData("rows.csv", "model,benchmark,n,successes\nm,b,NaN,1\n")]
    [InlineData("rows.jsonl", "{\"model\":\"m\",\"benchmark\":\"b\",\"n\":10,\"successes\":11}\n")]
    [InlineData("what.json", """{"hello": 1}""")]
    [InlineData("empty.csv", "")]
    public void BadInputOfAnyFormat_Exits3NamingTheFile(string name, string content)
    {
        File.WriteAllText(mpg.PathOf(name), content);
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\n");

        var result = mpg.Run("score", "-p", mpg.PathOf("mpg.yml"), "-i", name);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(name, result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void CancelledInspectLog_IsScoredAndSaidSoOnStderr()
    {
        var log = Mpg.Data("inspect", "2025-05-12T20-28-13-04-00_popularity.json");
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nsamples: 2000\n");

        var result = mpg.Run("score", "-p", mpg.PathOf("mpg.yml"), "-i", log);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cancelled", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>The input progress bar never reaches a redirected stderr (a CI log, a test's writer).</summary>
public sealed class ProgressNotInLogs
{
    [Fact]
    public void NoProgress_ForAWriterThatIsNotTheTerminal()
    {
        var context = new CommandContext(new StringWriter(), new StringWriter(), Path.GetTempPath());
        Assert.Null(InputProgress.For(context, [typeof(ProgressNotInLogs).Assembly.Location], noColor: false));
    }

    [Fact]
    public void ScoringALargeInput_WritesNoCarriageReturnsToARedirectedStderr()
    {
        using var mpg = new Mpg();
        var lines = Enumerable.Range(0, 20000).Select(i => $"m,b,{i},{i % 2}");
        File.WriteAllText(mpg.PathOf("rows.csv"), "model,benchmark,item,score\n" + string.Join('\n', lines));
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nsamples: 1000\n");

        var result = mpg.Run("score", "-p", mpg.PathOf("mpg.yml"), "-i", "rows.csv");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\r', result.Stderr);
    }
}

/// <summary>The bar itself (on a terminal): its first draw once the delay has passed, and its erasure.</summary>
public sealed class ProgressBarDrawing
{
    [Fact]
    public void FirstReportAfterTheDelay_DrawsAndDisposeErases()
    {
        // Regression: the first draw computed now − TimeSpan.MinValue, an OverflowException (internal error, exit 5).
        var error = new StringWriter();
        var bar = new InputProgress(error, 2 * 1048576, TimeSpan.Zero);

        bar.Report(1048576);
        var drawn = error.ToString();
        bar.Dispose();

        Assert.Contains("reading inputs", drawn, StringComparison.Ordinal);
        Assert.Contains("1/2 MiB", drawn, StringComparison.Ordinal);
        Assert.EndsWith("\r", error.ToString(), StringComparison.Ordinal);
    }
}
