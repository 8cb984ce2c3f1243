namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// <c>{ node: X, min_pass_all: P }</c> gates on pass^k: the share of items the candidate answers correctly on every
/// repeat. The real gpt-5 popularity run (10 items, 5 epochs) has six items right on every epoch (counted by hand in
/// RepeatsInScorecard), so pass^k = 0.6 whatever its mean.
/// </summary>
public sealed class MinPassAllRule : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private Mpg.Result Gate(string rules)
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"version: 1\nname: popularity\nbaseline: baseline.json\ngoodness:\n  - {{ benchmark: popularity }}\ngate:\n  inconclusive: pass\n  rules:\n{rules}");
        mpg.CopyIn("baseline-run", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "openai__gpt-5__epochs5");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);
        return mpg.Run("gate", "-i", "candidate", "--json", "verdict.json", "--report-md", "mpg.md");
    }

    [Fact]
    public void PassAllBelowTheMinimum_FailsWithItsCodeAtTheRulesLine()
    {
        var result = Gate("    - { node: goodness, min_pass_all: 0.7 }\n");

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.HasStackTrace);
        var rule = mpg.Json("verdict.json").GetProperty("rules").EnumerateArray().Single();
        Assert.Equal("passAll", rule.GetProperty("kind").GetString());
        Assert.Equal("passAll", rule.GetProperty("status").GetString());
        Assert.Equal(0.6, rule.GetProperty("passAll").GetDouble(), 12);
        Assert.Equal(0.7, rule.GetProperty("minPassAll").GetDouble(), 12);
        Assert.Equal("passAll", mpg.Json("verdict.json").Node("goodness").GetProperty("status").GetString());
        Assert.Contains("mpg.yml(9,7): error MPG1007: goodness: pass^k 60.0 < min_pass_all 70.0", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("❌ pass^k 60.0 below min_pass_all 70.0", File.ReadAllText(mpg.PathOf("mpg.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void PassAllAtTheMinimum_Holds()
    {
        var result = Gate("    - { node: goodness, min_pass_all: 0.6 }\n");

        Assert.Equal(0, result.ExitCode);
        var rule = mpg.Json("verdict.json").GetProperty("rules").EnumerateArray().Single();
        Assert.Equal("ok", rule.GetProperty("status").GetString());
        Assert.True(rule.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void BesideARegressionRule_OnlyTheRegressionRuleIsInTheHolmFamily()
    {
        var result = Gate("    - { node: goodness }\n    - { node: goodness, min_pass_all: 0.5 }\n");

        Assert.Equal(0, result.ExitCode);
        var rules = mpg.Json("verdict.json").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["regression", "passAll"], rules.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(0.95, rules[0].GetProperty("threshold").GetDouble(), 12); // one regression rule: no correction
    }

    [Fact]
    public void ResultsWithoutItems_FailClosed()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: suite\nbaseline: baseline.json\ngoodness:\n  - { benchmark: arc_challenge }\ngate:\n  rules:\n    - { node: goodness, min_pass_all: 0.5 }\n");
        mpg.CopyIn("baseline-run", "lm-eval", "v0.4-same-suite", "meta-llama__Llama-3.2-3B");
        mpg.CopyIn("candidate", "lm-eval", "v0.4-same-suite", "Qwen__Qwen2.5-3B");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);

        var result = mpg.Run("gate", "-i", "candidate", "--json", "verdict.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MPG1003: goodness: benchmark 'arc_challenge' has no per-item outcomes in the candidate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FloorAndMinPassAllInOneRule_IsAPolicyError()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: p\ngoodness:\n  - { benchmark: popularity }\ngate:\n  rules:\n    - { node: goodness, floor: 0.5, min_pass_all: 0.5 }\n");
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "openai__gpt-5__epochs5");

        var result = mpg.Run("score", "-i", "candidate");

        Assert.Equal(2, result.ExitCode);
        Assert.False(result.HasStackTrace);
        Assert.Contains("mpg.yml(7,7)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("both 'floor' and 'min_pass_all'", result.Stderr, StringComparison.Ordinal);
    }
}
