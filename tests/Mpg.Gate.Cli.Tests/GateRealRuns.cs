namespace Mpg.Gate.Cli.Tests;

/// <summary>The gate on real runs: two reruns of one model pass; a smaller model fails, naming what regressed.</summary>
public sealed class GateRealRuns : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private Mpg.Result Gate(string baselineFile, string candidateFile)
    {
        var policy = Mpg.Data("cli", "suite.yml");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", baselineFile, "-o", "baseline.json").ExitCode);
        return mpg.Run("gate", "-p", policy, "-i", candidateFile, "--baseline", "baseline.json", "--json", "verdict.json", "--junit", "junit.xml", "--report-md", "report.md");
    }

    /// <summary>
    /// Results files only (unpaired), equal-weight groups: Δ's sd is 0.6–1.6 points, so "not worse than 1 point" is not
    /// shown. That is inconclusive (exit 0, never a failure), not a pass.
    /// </summary>
    [Fact]
    public void GemmaReruns_AreNeverAFailure_InconclusiveAtTheDefaultMargin()
    {
        var runs = Directory.GetFiles(Mpg.Data("lm-eval", "v0.4-same-suite", "google__gemma-2-2b"), "results_*.json").Order(StringComparer.Ordinal).ToArray();

        var forward = Gate(runs[0], runs[1]);
        Assert.Equal(0, forward.ExitCode);
        Assert.Equal("inconclusive", mpg.Json("verdict.json").GetProperty("verdict").GetString());
        Assert.All(mpg.Json("verdict.json").GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("gated").GetBoolean()), n => Assert.NotEqual("regression", n.GetProperty("status").GetString()));

        var backward = Gate(runs[1], runs[0]);
        Assert.Equal(0, backward.ExitCode);
    }

    [Fact]
    public void SmallerLlama_FailsWithTheRegressedNodesNamed()
    {
        var result = Gate(Mpg.SameSuite("meta-llama__Llama-3.2-3B"), Mpg.SameSuite("meta-llama__Llama-3.2-1B"));

        Assert.Equal(1, result.ExitCode);
        var verdict = mpg.Json("verdict.json");
        Assert.Equal("fail", verdict.GetProperty("verdict").GetString());
        Assert.Equal("mpg.verdict/1", verdict.GetProperty("schema").GetString());
        var regressed = verdict.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("gated").GetBoolean() && n.GetProperty("status").GetString() == "regression")
            .Select(n => n.GetProperty("id").GetString())
            .ToList();
        Assert.Contains("goodness", regressed);
        Assert.Contains("problem-solving", regressed);
        Assert.All(regressed, id => Assert.Contains($"error MPG1001: {id}:", result.Stderr, StringComparison.Ordinal));
        Assert.Contains("suite.yml(", result.Stderr, StringComparison.Ordinal);

        var root = verdict.Node("goodness");
        Assert.True(root.GetProperty("delta").GetDouble() < 0);
        Assert.True(root.GetProperty("deltaUpper").GetDouble() < 0);
        Assert.True(root.GetProperty("pRegression").GetDouble() >= 0.95);
        Assert.False(root.GetProperty("paired").GetBoolean());

        var junit = System.Xml.Linq.XDocument.Load(mpg.PathOf("junit.xml"));
        Assert.Equal(regressed.Count, junit.Descendants("failure").Count());
        Assert.StartsWith("<!-- mpg-gate:suite -->\n### ❌", File.ReadAllText(mpg.PathOf("report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void CandidateScorecard_GivesTheSameVerdictAsScoringTheInputs()
    {
        var policy = Mpg.Data("cli", "suite.yml");
        Gate(Mpg.SameSuite("meta-llama__Llama-3.2-3B"), Mpg.SameSuite("meta-llama__Llama-3.2-1B"));
        var fromInputs = mpg.Json("verdict.json");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "-o", "candidate.json").ExitCode);

        var result = mpg.Run("gate", "-p", policy, "--candidate", "candidate.json", "--baseline", "baseline.json", "--json", "verdict2.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(fromInputs.Node("goodness").GetProperty("delta").GetDouble(), mpg.Json("verdict2.json").Node("goodness").GetProperty("delta").GetDouble());
    }
}
