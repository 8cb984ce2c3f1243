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
