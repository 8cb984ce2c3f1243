using System.Text.Json;
using Mpg.Gate.Comparison;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests;

/// <summary>
/// Every closed set is spelled as the policy, the JSON and the reports spelled it before the sets were enums
/// (README, DESIGN.md): these lists are the contract, and the JSON converter writes exactly them.
/// </summary>
public sealed class SpelledSets
{
    [Fact]
    public void EachSet_IsSpelledAsTheContractSays()
    {
        Assert.Equal(["pass", "fail", "inconclusive"], Spelling.All<VerdictResult>());
        Assert.Equal(["regression", "improvement", "unchanged", "inconclusive", "required", "floor", "passAll", "missing", "underpowered", "drift", "ok"], Spelling.All<NodeStatus>());
        Assert.Equal(["regression", "floor", "required", "passAll", "drift"], Spelling.All<RuleKind>());
        Assert.Equal(["ok", "warn", "fail", "unknown"], Spelling.All<FastnessStatus>());
        Assert.Equal(["qps", "latency_p50", "cost_per_1k"], Spelling.All<FastnessMetric>());
        Assert.Equal(["always", "on-change", "on-regression", "never"], Spelling.All<CommentMode>());
        Assert.Equal(["lm-eval", "inspect", "promptfoo", "meai", "csv", "jsonl", "auto"], Spelling.All<InputFormat>());
        Assert.Equal(["fail", "exclude"], Spelling.All<ErrorsMode>());
        Assert.Equal(["none", "bonferroni", "holm"], Spelling.All<Correction>());
        Assert.Equal(["equal", "size"], Spelling.All<Weighting>());
        Assert.Equal(["rules", "groups", "all"], Spelling.All<GateScope>());
        Assert.Equal(["warn", "fail", "pass"], Spelling.All<InconclusiveAction>());
    }

    [Fact]
    public void Json_WritesAndReadsTheSpelling()
    {
        foreach (var metric in Enum.GetValues<FastnessMetric>())
        {
            var json = JsonSerializer.Serialize(metric);

            Assert.Equal($"\"{Spelling.Of(metric)}\"", json);
            Assert.Equal(metric, JsonSerializer.Deserialize<FastnessMetric>(json));
        }

        Assert.Equal("\"on-regression\"", JsonSerializer.Serialize(CommentMode.OnRegression));
        Assert.Equal("\"lm-eval\"", JsonSerializer.Serialize(InputFormat.LmEval));
    }

    [Fact]
    public void UnknownSpelling_IsAJsonError_NamingTheChoices()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FastnessMetric>("\"speed\""));

        Assert.Contains("qps, latency_p50, cost_per_1k", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IgnoresCase()
    {
        Assert.True(Spelling.TryParse<CommentMode>("On-Change", out var mode));
        Assert.Equal(CommentMode.OnChange, mode);
        Assert.False(Spelling.TryParse<CommentMode>("OnChange", out _));
    }

    [Fact]
    public void EveryNamedFormat_HasExactlyOneReader()
    {
        var named = Enum.GetValues<InputFormat>().Where(f => f != InputFormat.Auto);

        Assert.All(named, format => Assert.Single(EvalFormats.All, r => r.Format == format));
        Assert.DoesNotContain(EvalFormats.All, r => r.Format == InputFormat.Auto);
    }
}
