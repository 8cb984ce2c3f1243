using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>What each reader keeps of an item for explanations, against the fields of the real files, read here directly.</summary>
public sealed class ExcerptTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>The bound as documented: trimmed, at most 500 characters, an ellipsis where cut.</summary>
    private static string? Bounded(string? text) =>
        text?.Trim() is not { Length: > 0 } t ? null : t.Length <= ItemExcerpt.DefaultChars ? t : t[..(ItemExcerpt.DefaultChars - 1)] + "…";

    [Fact]
    public void InspectJsonLog_KeepsInputTargetAnswerAndTheScorersExplanation()
    {
        var file = FormatData.Inspect("2025-05-12T20-28-26-04-00_security-guide.json");
        var samples = FormatData.Json(file).GetProperty("samples").EnumerateArray().ToDictionary(s => s.GetProperty("id").ToString());

        var items = FormatData.Single(InspectReader.Instance, file).Benchmarks[0].Metrics[0].Items!;

        Assert.Equal(samples.Count, items.Count);
        Assert.All(items, item =>
        {
            var sample = samples[item.Id];
            var user = sample.GetProperty("input").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
            Assert.Equal(Bounded(user.GetProperty("content").GetString()), item.Excerpt!.Input);
            Assert.Equal(Bounded(sample.GetProperty("target").GetString()), item.Excerpt.Target);
            Assert.Equal(Bounded(sample.GetProperty("output").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()), item.Excerpt.Answer);
            Assert.Equal(Bounded(sample.GetProperty("scores").GetProperty("model_graded_fact").GetProperty("explanation").GetString()), item.Excerpt.Reason);
        });
        Assert.Contains(items, i => i.Excerpt!.Reason!.EndsWith('…'));
    }

    [Fact]
    public void PromptfooExport_KeepsVarsOutputAndTheGradersReason()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "data", "promptfoo", "tthatcher95_nicheIQ", "results.json");
        var results = FormatData.Json(file).GetProperty("results").GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("provider").GetProperty("label").GetString() == "gpt-4o").ToList();

        var run = FormatData.Single(PromptfooReader.Instance, file, new ReadOptions(Model: "gpt-4o"));

        foreach (var result in results)
        {
            var benchmark = run.Find(result.GetProperty("prompt").GetProperty("label").GetString()!)!;
            var item = benchmark.Metrics[0].Items!.Single(i => i.Id.StartsWith($"t{result.GetProperty("testIdx").GetInt32()}/", StringComparison.Ordinal));
            var first = result.GetProperty("vars").EnumerateObject().First();
            Assert.StartsWith($"{{\"{first.Name}\":{JsonSerializer.Serialize(first.Value.GetString())[..20]}", item.Excerpt!.Input, StringComparison.Ordinal);
            Assert.Equal(Bounded(result.GetProperty("response").GetProperty("output").GetString()), item.Excerpt!.Answer);
            Assert.Equal(Bounded(result.GetProperty("gradingResult").GetProperty("reason").GetString()), item.Excerpt.Reason);
            Assert.Null(item.Excerpt.Target);
        }
    }

    [Fact]
    public void MeaiResult_KeepsTheUserMessageTheReplyAndTheMetricsReason()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = true };
        var metric = new NumericMetric("Coherence", 0.8, "the answer follows from the question");
        var envelope = new JsonObject
        {
            ["scenarioName"] = "qa",
            ["iterationName"] = "1",
            ["executionName"] = "20260101T000000",
            ["creationTime"] = "2026-01-01T00:00:00Z",
            ["messages"] = new JsonArray(JsonSerializer.SerializeToNode(new ChatMessage(ChatRole.System, "Be brief."), options), JsonSerializer.SerializeToNode(new ChatMessage(ChatRole.User, "What is 2 + 2?"), options)),
            ["modelResponse"] = new JsonObject { ["messages"] = new JsonArray(JsonSerializer.SerializeToNode(new ChatMessage(ChatRole.Assistant, "4"), options)), ["modelId"] = "gpt-4o-mini" },
            ["evaluationResult"] = JsonSerializer.SerializeToNode(new EvaluationResult(metric), options),
            ["formatVersion"] = 1,
        };
        var file = dir.Write("results/20260101T000000/qa/1.json", envelope.ToJsonString(options));

        var item = Assert.Single(MeaiReader.Instance.Read([file], ReadOptions.Default)).Benchmarks[0].Metrics[0].Items!.Single();

        Assert.Equal(new ItemExcerpt("What is 2 + 2?", null, "4", "the answer follows from the question"), item.Excerpt);
    }

    [Fact]
    public void ExcerptCharsZero_KeepsNothing()
    {
        var file = FormatData.Inspect("2025-05-12T20-28-26-04-00_security-guide.json");

        var items = FormatData.Single(InspectReader.Instance, file, new ReadOptions(ExcerptChars: 0)).Benchmarks[0].Metrics[0].Items!;

        Assert.All(items, i => Assert.Null(i.Excerpt));
    }

    [Theory]
    [InlineData("  short  ", 10, "short")]
    [InlineData("abcdefghij", 5, "abcd…")]
    [InlineData("abc\U0001F600def", 5, "abc…")] // the emoji's surrogate pair is not split
    [InlineData("   ", 5, null)]
    public void Cut_TrimsAndCutsOnACharacterBoundary(string text, int chars, string? expected) =>
        Assert.Equal(expected, ItemExcerpt.Cut(text, chars));
}
