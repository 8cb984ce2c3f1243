namespace Mpg.Gate.Cli.Tests;

public sealed class LegacyAndSamples : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void V03Legacy_ScoresWithEstimatedN()
    {
        var result = mpg.Run("score", "-p", Mpg.Data("cli", "legacy.yml"), "-i", Mpg.Data("lm-eval", "v0.3-legacy", "llama-7B"), "-o", "card.json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var arc = mpg.Json("card.json").Node("arc_challenge");
        Assert.True(arc.GetProperty("nEstimated").GetBoolean());

        // acc(1 − acc)/se² + 1 with the file's acc and acc_stderr
        const double acc = 0.3822525597269625, se = 0.014200454049979293;
        Assert.Equal((int)Math.Round((acc * (1 - acc) / (se * se)) + 1), arc.GetProperty("n").GetInt32());
        Assert.Contains("n estimated", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void V03Legacy_TheVerdictSaysWhichNWasEstimatedAndHow()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "legacy.yml"), "-i", Mpg.Data("lm-eval", "v0.3-legacy", "llama-7B"), "-o", "card.json").ExitCode);
        var reason = mpg.Json("card.json").Node("arc_challenge").GetProperty("nEstimatedReason").GetString();

        var result = mpg.Run("gate", "-p", Mpg.Data("cli", "legacy.yml"), "--candidate", "card.json", "--baseline", "card.json", "--json", "verdict.json", "--report-md", "mpg.md");

        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(reason, mpg.Json("verdict.json").Node("arc_challenge").GetProperty("nEstimatedReason").GetString());
        Assert.Contains($"n of arc_challenge estimated: {reason}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("n of arc\\_challenge estimated: ", File.ReadAllText(mpg.PathOf("mpg.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void AsdivResultsAndSamples_ScoreFromSamples()
    {
        var result = mpg.Run("score", "-p", Mpg.Data("cli", "asdiv.yml"), "-i", Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct"), "-o", "card.json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var asdiv = mpg.Json("card.json").Node("asdiv");
        Assert.Equal("samples", asdiv.GetProperty("source").GetString());
        var lines = File.ReadLines(Directory.GetFiles(Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct"), "samples_*.jsonl").Single()).ToList();
        Assert.Equal(lines.Count, asdiv.GetProperty("n").GetInt32());
        Assert.Equal(lines.Count(l => l.Contains("\"acc\": 1", StringComparison.Ordinal)), asdiv.GetProperty("successes").GetDouble());
    }
}

public sealed class PairedFromSamples : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void SamplesOnBothSides_GateIsPairedItemByItem()
    {
        var policy = Mpg.Data("cli", "asdiv.yml");
        var run = Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", run, "-o", "baseline.json").ExitCode);
        Assert.Equal(50, mpg.Json("baseline.json").Node("asdiv").GetProperty("items").GetProperty("ids").GetArrayLength());

        var result = mpg.Run("gate", "-p", policy, "-i", run, "--baseline", "baseline.json", "--json", "verdict.json");

        Assert.Equal(0, result.ExitCode);
        var asdiv = mpg.Json("verdict.json").Node("asdiv");
        Assert.True(asdiv.GetProperty("paired").GetBoolean());
        Assert.Equal(50, asdiv.GetProperty("matchedItems").GetInt32());
        Assert.Equal(0, asdiv.GetProperty("fixed").GetInt32());
        Assert.Equal(0, asdiv.GetProperty("broken").GetInt32());
        // The same answers on both sides: no discordant item, so Δ sits at 0 (the uniform cell prior alone keeps it from being exactly 0).
        Assert.InRange(asdiv.GetProperty("delta").GetDouble(), -0.005, 0.005);
        Assert.True(asdiv.GetProperty("deltaLower").GetDouble() < 0 && asdiv.GetProperty("deltaUpper").GetDouble() > 0);
    }
}
