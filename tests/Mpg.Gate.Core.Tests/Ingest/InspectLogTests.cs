using System.Text.Json;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Real Inspect logs (.json v2 and .eval): counts match the samples' grades, counted here independently.</summary>
public class InspectLogTests
{
    public static TheoryData<string> Logs => new() { "2025-05-12T20-28-13-04-00_popularity.json", "2025-05-12T20-28-26-04-00_security-guide.json" };

    [Theory]
    [MemberData(nameof(Logs))]
    public void JsonLog_CountsMatchItsSamples(string name)
    {
        var file = FormatData.Inspect(name);
        var root = FormatData.Json(file);
        var scorer = root.GetProperty("results").GetProperty("scores")[0].GetProperty("name").GetString()!;
        var grades = root.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("scores").GetProperty(scorer).GetProperty("value").GetString()).ToList();
        var accuracy = root.GetProperty("results").GetProperty("scores")[0].GetProperty("metrics").GetProperty("accuracy").GetProperty("value").GetDouble();

        var run = FormatData.Single(InspectReader.Instance, file);

        var benchmark = Assert.Single(run.Benchmarks);
        Assert.Equal(root.GetProperty("eval").GetProperty("task").GetString(), benchmark.Name);
        Assert.Equal("openai/gpt-4o-mini", run.Model);
        var metric = benchmark.Metrics[0];
        Assert.Equal("accuracy", metric.Key);
        Assert.Equal(grades.Count, metric.N);
        Assert.Equal(grades.Count(g => g == "C"), metric.Successes);
        Assert.Equal(accuracy, metric.Successes / metric.N, 12);
        Assert.Contains(benchmark.Metrics, m => m.Key == scorer && m.N == metric.N);
    }

    [Fact]
    public void CancelledLog_CountsWhatCompletedAndSaysSo()
    {
        var run = FormatData.Single(InspectReader.Instance, FormatData.Inspect("2025-05-12T20-28-13-04-00_popularity.json"));
        Assert.Contains(run.Notes, n => n.Contains("cancelled", StringComparison.Ordinal) && n.Contains("3 completed", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonLog_HasLatencyTokensAndWallTime()
    {
        var file = FormatData.Inspect("2025-05-12T20-28-26-04-00_security-guide.json");
        var root = FormatData.Json(file);
        var first = root.GetProperty("samples")[0];

        var benchmark = FormatData.Single(InspectReader.Instance, file).Benchmarks[0];

        var item = benchmark.Metrics[0].Items![0];
        Assert.Equal(first.GetProperty("total_time").GetDouble() * 1000, item.LatencyMs!.Value, 9);
        Assert.Equal(first.GetProperty("model_usage").GetProperty("openai/gpt-4o-mini").GetProperty("total_tokens").GetInt64(), item.Tokens);
        Assert.Equal(10, benchmark.Timing!.WallSeconds, 9); // stats: 20:28:26 → 20:28:36
        Assert.Equal(1992, benchmark.Timing.Tokens);
    }

    [Fact]
    public void EvalZipLog_ReadsHeaderAndSamples()
    {
        var run = FormatData.Single(InspectReader.Instance, FormatData.Inspect("mmlu-summary-choices.eval"));

        Assert.Equal("openai/gpt-4o", run.Model);
        var metric = Assert.Single(run.Benchmarks).Metrics[0];
        Assert.Equal("inspect_evals/mmlu_0_shot", run.Benchmarks[0].Name);
        Assert.Equal(1, metric.N);
        Assert.Equal(0, metric.Successes); // the one sample is graded I
    }

    [Fact]
    public void PolicyBenchmark_NamesTheLeaf()
    {
        var run = FormatData.Single(InspectReader.Instance, FormatData.Inspect("mmlu-summary-choices.eval"), new ReadOptions(Benchmark: "mmlu"));
        Assert.Equal("mmlu", run.Benchmarks[0].Name);
    }

    [Fact]
    public void Detected_ByContent()
    {
        Assert.Same(InspectReader.Instance, EvalFormats.Detect(FormatData.Inspect("mmlu-summary-choices.eval")));
        Assert.Same(InspectReader.Instance, EvalFormats.Detect(FormatData.Inspect("2025-05-12T20-28-13-04-00_popularity.json")));
    }
}

/// <summary>Crafted logs for what the real ones do not show: epochs, partial credit, several scorers, v1 logs, no samples.</summary>
public sealed class InspectCraftedTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static string Log(string samples, string status = "success", int version = 2, string results = """{"total_samples": 2, "completed_samples": 2, "scores": [{"name": "a", "metrics": {"accuracy": {"value": 0.5}}}, {"name": "b"}]}""") =>
        $$"""{"version": {{version}}, "status": "{{status}}", "eval": {"task": "t", "model": "m"}, "results": {{results}}, "samples": [{{samples}}]}""";

    [Fact]
    public void Epochs_AreAveragedPerSampleAndPartialIsConfigurable()
    {
        var file = dir.Write("log.json", Log("""
            {"id": 1, "epoch": 1, "scores": {"a": {"value": "C"}, "b": {"value": 0.25}}},
            {"id": 1, "epoch": 2, "scores": {"a": {"value": "P"}, "b": {"value": 0.75}}},
            {"id": "x", "epoch": 1, "scores": {"a": {"value": "N"}, "b": {"value": true}}}
            """));

        var half = FormatData.Single(InspectReader.Instance, file).Benchmarks[0];
        var none = FormatData.Single(InspectReader.Instance, file, new ReadOptions(Partial: 0)).Benchmarks[0];
        var b = FormatData.Single(InspectReader.Instance, file, new ReadOptions(Scorer: "b")).Benchmarks[0];

        Assert.Equal((2, 0.75), (half.Metrics[0].N, half.Metrics[0].Successes)); // item 1: (1 + 0.5)/2, item x: 0
        Assert.Equal(0.5, none.Metrics[0].Successes);
        Assert.Equal(1.5, b.Metrics[0].Successes); // (0.25 + 0.75)/2 + 1
    }

    [Fact]
    public void UnknownScorer_IsAnInputErrorListingTheScorers()
    {
        var file = dir.Write("log.json", Log("""{"id": 1, "scores": {"a": {"value": "C"}, "b": {"value": 1}}}"""));
        var ex = Assert.Throws<InputException>(() => InspectReader.Instance.Read([file], new ReadOptions(Scorer: "aa")));
        Assert.Contains("a, b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErroredSamples_FailUnlessExcluded()
    {
        var file = dir.Write("log.json", Log("""{"id": 1, "scores": {"a": {"value": "C"}}}, {"id": 2, "error": {"message": "boom"}}"""));

        var failed = FormatData.Single(InspectReader.Instance, file).Benchmarks[0].Metrics[0];
        var excluded = FormatData.Single(InspectReader.Instance, file, new ReadOptions(ExcludeErrors: true)).Benchmarks[0].Metrics[0];

        Assert.Equal((2, 1.0), (failed.N, failed.Successes));
        Assert.Equal((1, 1.0), (excluded.N, excluded.Successes));
    }

    [Fact]
    public void Version1SingleScore_IsRead()
    {
        var file = dir.Write("v1.json", Log(
            """{"id": 1, "epoch": 1, "score": {"value": "C"}}, {"id": 2, "epoch": 1, "score": {"value": "I"}}""",
            version: 1,
            results: """{"scorer": {"name": "match"}, "metrics": {"accuracy": {"value": 0.5}}}"""));

        var metric = FormatData.Single(InspectReader.Instance, file).Benchmarks[0].Metrics[0];

        Assert.Equal((2, 1.0), (metric.N, metric.Successes));
    }

    [Fact]
    public void WithoutSamples_TheResultsGiveAccuracyTimesCompleted()
    {
        var file = dir.Write("nosamples.json", """{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"}, "results": {"total_samples": 10, "completed_samples": 8, "scores": [{"name": "a", "metrics": {"accuracy": {"value": 0.75}}}]}}""");

        var metric = FormatData.Single(InspectReader.Instance, file).Benchmarks[0].Metrics[0];

        Assert.Equal((8, 6.0, MetricSource.Results), (metric.N, metric.Successes, metric.Source));
    }

    [Theory]
    [InlineData("""{"version": 2, "status": "started", "eval": {"task": "t", "model": "m"}}""", "no samples and no results")]
    [InlineData("""{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"}, "results": {"completed_samples": 3, "scores": []}}""", "no scorer")]
    [InlineData("""{"version": 2, "status": "success", "eval": {"task": "t"}, "samples": []}""", "eval.model")]
    [InlineData("""{"version": 2, "eval": {"task": "t", "model": "m"}, "results": {"scores": [{"name": "a"}]}, "samples": [{"id": 1, "scores": {"a": {"value": 7}}}]}""", "scorer 'a' gave 7")]
    [InlineData("""{"version": 2, "eval": {"task": "t", "model": "m"}, "results": {"scores": [{"name": "a"}]}, "samples": [{"id": 1, "scores": {"a": {"value": "maybe"}}}]}""", "\"maybe\"")]
    [InlineData("""{"version": 2, "eval": {"task": "t", "model": "m"}, "results": {"scores": [{"name": "a"}]}, "samples": [{"scores": {"a": {"value": "C"}}}]}""", "no \"id\"")]
    [InlineData("""{"version": 2, "eval": {"task": "t", "model": "m"}, "samples": [{"id": 1, "sco""", "malformed JSON")]
    [InlineData("", "empty")]
    public void BadLog_IsAnInputErrorNamingTheFile(string content, string expected)
    {
        var file = dir.Write("bad.json", content);
        var ex = Assert.Throws<InputException>(() => InspectReader.Instance.Read([file], ReadOptions.Default));
        Assert.Equal(file, ex.File);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedEvalZip_IsAnInputError()
    {
        var bytes = File.ReadAllBytes(FormatData.Inspect("mmlu-summary-choices.eval"));
        var file = Path.Combine(dir.Path, "cut.eval");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<InputException>(() => InspectReader.Instance.Read([file], ReadOptions.Default));

        Assert.Equal(file, ex.File);
    }
}
