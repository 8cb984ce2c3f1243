namespace Mpg.Gate.Cli.Tests;

/// <summary>The README's first command, and <c>mpg init</c> on real outputs.</summary>
public sealed class ExampleAndInit : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <summary>A folder of the repository's <c>examples/</c>.</summary>
    internal static string Example(string name = "lm-eval")
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Mpg.Gate.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir.FullName, "examples", name);
    }

    [Fact]
    public void PairedExample_IsInconclusivePairedOnEveryItem_AndSaysWhatWouldDecideIt()
    {
        var copy = mpg.PathOf("paired");
        Mpg.CopyDirectory(Example("paired"), copy);

        var result = mpg.Run("gate", "-p", Path.Combine(copy, "mpg.yml"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var verdict = mpg.Json(Path.Combine("paired", "artifacts", "mpg.json"));
        // 60 items cannot show a prompt change not worse than 2 points: inconclusive (exit 0 under the default warn), never a pass.
        Assert.Equal("inconclusive", verdict.GetProperty("verdict").GetString());
        var root = verdict.Node("goodness");
        Assert.Equal("inconclusive", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("itemsNeeded").GetInt32() > 0);
        Assert.True(root.GetProperty("paired").GetBoolean());
        Assert.Equal(60, root.GetProperty("matchedItems").GetInt32());
        Assert.Equal(0, root.GetProperty("onlyBaseline").GetInt32() + root.GetProperty("onlyCandidate").GetInt32());
    }

    [Fact]
    public void PairedExample_BaselineIsWhatScoringItsBaselineRunGives()
    {
        var copy = mpg.PathOf("paired");
        Mpg.CopyDirectory(Example("paired"), copy);

        var result = mpg.Run("score", "-p", Path.Combine(copy, "mpg.yml"), "-i", Path.Combine(copy, "baseline"), "-o", "rescored.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(mpg.Json(Path.Combine(copy, "baseline.json")).GetProperty("nodes").GetRawText(), mpg.Json("rescored.json").GetProperty("nodes").GetRawText());
    }

    [Fact]
    public void BundledExample_Passes()
    {
        var copy = mpg.PathOf("example");
        Mpg.CopyDirectory(Example(), copy);

        var result = mpg.Run("gate", "-p", Path.Combine(copy, "mpg.yml"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("pass", mpg.Json(Path.Combine("example", "artifacts", "mpg.json")).GetProperty("verdict").GetString());
        Assert.True(File.Exists(Path.Combine(copy, "artifacts", "mpg.junit.xml")));
    }

    [Fact]
    public void BundledExample_BaselineIsWhatScoringItsRunGives()
    {
        var copy = mpg.PathOf("example");
        Mpg.CopyDirectory(Example(), copy);

        var result = mpg.Run("score", "-p", Path.Combine(copy, "mpg.yml"), "-i", Path.Combine(copy, "runs", "meta-llama__Llama-3.2-3B"), "-o", "rescored.json");

        Assert.Equal(0, result.ExitCode);
        var committed = mpg.Json(Path.Combine(copy, "baseline.json"));
        var rescored = mpg.Json("rescored.json");
        Assert.Equal(committed.GetProperty("goodness").GetRawText(), rescored.GetProperty("goodness").GetRawText());
        Assert.Equal(committed.GetProperty("nodes").GetRawText(), rescored.GetProperty("nodes").GetRawText());
    }

    [Fact]
    public void BundledExample_WithTheSmallerModel_Fails()
    {
        var copy = mpg.PathOf("example");
        Mpg.CopyDirectory(Example(), copy);

        var result = mpg.Run("gate", "-p", Path.Combine(copy, "mpg.yml"), "-i", Path.Combine(copy, "runs", "meta-llama__Llama-3.2-1B"));

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Init_WritesAPolicyThatValidatesAndScores()
    {
        Mpg.CopyDirectory(Mpg.Data("lm-eval", "v0.4-same-suite", "Qwen__Qwen2.5-3B"), mpg.PathOf("out"));
        Directory.CreateDirectory(mpg.PathOf(".mpg"));
        File.WriteAllText(mpg.PathOf(".mpg/baseline.json"), "{\"schema\": \"mpg.scorecard/1\"}"); // not an eval output: skipped
        File.WriteAllText(mpg.PathOf("out/notes.json"), "{}"); // beside harness outputs: not read

        var init = mpg.Run("init");
        Assert.True(init.ExitCode == 0, init.Stderr);
        var policy = File.ReadAllText(mpg.PathOf("mpg.yml"));
        Assert.Contains("name: factual-recall", policy, StringComparison.Ordinal);
        Assert.Contains("name: problem-solving", policy, StringComparison.Ordinal);
        Assert.Contains("name: linguistic-social", policy, StringComparison.Ordinal);

        Assert.Equal(0, mpg.Run("validate").ExitCode);
        Assert.Equal(0, mpg.Run("score", "-o", "card.json").ExitCode);
        Assert.Equal(14042, mpg.Json("card.json").Node("mmlu").GetProperty("n").GetInt32());
        Assert.Equal(2, mpg.Run("init").ExitCode); // refuses to overwrite without --force
    }
}

/// <summary><c>mpg init</c> on outputs of other tools: the policy it writes scores them as they are.</summary>
public sealed class InitOtherFormats : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void InspectEvalLog_WritesAPolicyThatScores()
    {
        Directory.CreateDirectory(mpg.PathOf("logs"));
        File.Copy(Mpg.Data("inspect", "mmlu-summary-choices.eval"), mpg.PathOf("logs/mmlu-summary-choices.eval"));

        var init = mpg.Run("init");

        Assert.True(init.ExitCode == 0, init.Stdout + init.Stderr);
        Assert.Contains("format: auto", File.ReadAllText(mpg.PathOf("mpg.yml")), StringComparison.Ordinal);
        var score = mpg.Run("score", "-o", "card.json");
        Assert.True(score.ExitCode == 0, score.Stderr);
        Assert.True(mpg.Json("card.json").GetProperty("nodes").GetArrayLength() > 1);
    }

    [Fact]
    public void PromptfooFileWithSeveralProviders_KeepsTheChosenModel()
    {
        var source = Directory.GetFiles(Mpg.Data("promptfoo"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in source)
        {
            var init = mpg.Run("init", "-i", file, "--force");
            Assert.True(init.ExitCode == 0, init.Stdout + init.Stderr);

            var score = mpg.Run("score", "-o", "card.json");

            Assert.True(score.ExitCode == 0, file + ": " + score.Stderr);
        }
    }
}
