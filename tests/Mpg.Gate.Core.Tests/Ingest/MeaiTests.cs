using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI.Evaluation;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// Fixtures: real <see cref="EvaluationResult"/> objects of Microsoft.Extensions.AI.Evaluation 10.11.0, serialized as its
/// reporting store does (camelCase, camelCase enums, nulls left out, "$type" on metrics) inside the
/// ScenarioRunResult envelope, one file per iteration under results/execution/scenario/.
/// </summary>
public sealed class MeaiTests : IDisposable
{
    private static readonly JsonSerializerOptions StoreOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static EvaluationResult Result(double coherence, bool grounded, bool coherenceFailed)
    {
        var numeric = new NumericMetric("Coherence", coherence, "judge says")
        {
            Interpretation = new EvaluationMetricInterpretation(coherenceFailed ? EvaluationRating.Unacceptable : EvaluationRating.Good, coherenceFailed),
        };
        return new EvaluationResult(numeric, new BooleanMetric("Grounded", grounded));
    }

    private string Write(string scenario, string iteration, EvaluationResult result, string model = "gpt-4o-mini")
    {
        var envelope = new JsonObject
        {
            ["scenarioName"] = scenario,
            ["iterationName"] = iteration,
            ["executionName"] = "20260101T000000",
            ["creationTime"] = "2026-01-01T00:00:00Z",
            ["messages"] = new JsonArray(),
            ["modelResponse"] = new JsonObject { ["messages"] = new JsonArray(), ["modelId"] = model, ["usage"] = new JsonObject { ["totalTokenCount"] = 42 } },
            ["evaluationResult"] = JsonSerializer.SerializeToNode(result, StoreOptions),
            ["formatVersion"] = 1,
        };
        return dir.Write(Path.Combine("results", "20260101T000000", scenario, iteration + ".json"), envelope.ToJsonString(StoreOptions));
    }

    [Fact]
    public void Scenario_IsTheBenchmarkIterationTheItem()
    {
        (double Coherence, bool Grounded, bool Failed)[] plan = [(5, true, false), (2, false, true), (4, true, false), (1, true, true)];
        var files = plan.Select((p, i) => Write("qa", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Result(p.Coherence, p.Grounded, p.Failed))).ToList();

        var run = Assert.Single(MeaiReader.Instance.Read(files, ReadOptions.Default));

        Assert.Equal("gpt-4o-mini", run.Model);
        var qa = Assert.Single(run.Benchmarks);
        Assert.Equal("qa", qa.Name);
        var coherence = qa.Metrics.Single(m => m.Key == "Coherence");
        var grounded = qa.Metrics.Single(m => m.Key == "Grounded");
        Assert.Equal((4, (double)plan.Count(p => !p.Failed)), (coherence.N, coherence.Successes));
        Assert.Equal((4, (double)plan.Count(p => p.Grounded)), (grounded.N, grounded.Successes));
        Assert.Equal(42, coherence.Items![0].Tokens);
    }

    [Fact]
    public void Detected_ByContent()
    {
        var file = Write("qa", "1", Result(5, true, false));
        Assert.Same(MeaiReader.Instance, EvalFormats.Detect(file));
    }

    [Fact]
    public void Fixture_HasTheStoreShape()
    {
        var metrics = FormatData.Json(Write("qa", "1", Result(2, true, true))).GetProperty("evaluationResult").GetProperty("metrics");
        var coherence = metrics.GetProperty("Coherence");
        Assert.Equal("numeric", coherence.GetProperty("$type").GetString());
        Assert.Equal("unacceptable", coherence.GetProperty("interpretation").GetProperty("rating").GetString());
        Assert.True(coherence.GetProperty("interpretation").GetProperty("failed").GetBoolean());
        Assert.Equal("boolean", metrics.GetProperty("Grounded").GetProperty("$type").GetString());
    }

    [Fact]
    public void NumericMetricWithoutAValue_IsAnInputErrorNeverAPass()
    {
        // As when an evaluator cannot parse the judge's answer: the metric is there, its value is not.
        var file = Write("qa", "1", new EvaluationResult(new NumericMetric("Coherence")
        {
            Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: false),
        }));

        var ex = Assert.Throws<InputException>(() => MeaiReader.Instance.Read([file], ReadOptions.Default));

        Assert.Equal(file, ex.File);
        Assert.Contains("'Coherence'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricMissingFromOneIteration_IsAnInputError()
    {
        var a = Write("qa", "1", Result(5, true, false));
        var b = Write("qa", "2", new EvaluationResult(new BooleanMetric("Grounded", true)));

        var ex = Assert.Throws<InputException>(() => MeaiReader.Instance.Read([a, b], ReadOptions.Default));

        Assert.Equal(b, ex.File);
        Assert.Contains("'Coherence' is missing from iteration '2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleValueWithoutInterpretation_IsAnInputError()
    {
        var file = Write("qa", "1", new EvaluationResult(new NumericMetric("Fluency", 4)));
        var ex = Assert.Throws<InputException>(() => MeaiReader.Instance.Read([file], ReadOptions.Default));
        Assert.Contains("outside [0,1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneMetric_IsAlsoTheAccuracy()
    {
        var file = Write("qa", "1", new EvaluationResult(new BooleanMetric("Exact", true)));
        var metrics = MeaiReader.Instance.Read([file], ReadOptions.Default)[0].Benchmarks[0].Metrics;
        Assert.Equal(["Exact", "accuracy"], metrics.Select(m => m.Key));
    }

    [Theory]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {"metrics": {}}, "iterationName": "1", "executionName": "e"}""", "no metrics")]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {}, "iterationName": "1", "executionName": "e"}""", "evaluationResult.metrics")]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {"metrics": {"m": {"$type": "boolean", "value": "yes"}}}, "iterationName": "1", "executionName": "e"}""", "true/false")]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {"metrics": {"m": {"$type": "none"}}}, "iterationName": "1", "executionName": "e"}""", "type 'none'")]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {"metrics": {"m": {"$type": "numeric", "value": 0.5}}}, "executionName": "e"}""", "iterationName")]
    [InlineData("""{"scenarioName": "s", "evaluationResult": {"metr""", "malformed JSON")]
    public void BadResult_IsAnInputErrorNamingTheFile(string content, string expected)
    {
        var file = dir.Write("bad.json", content);
        var ex = Assert.Throws<InputException>(() => MeaiReader.Instance.Read([file], ReadOptions.Default));
        Assert.Equal(file, ex.File);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
