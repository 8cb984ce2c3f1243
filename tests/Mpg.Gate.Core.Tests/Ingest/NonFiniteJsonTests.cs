using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Python's json.dumps writes bare NaN / Infinity; such values read as absent, and strings holding them are untouched.</summary>
public sealed class NonFiniteJsonTests : IDisposable
{
    private const string Crafted = """
        {
          "results": {
            "task_a": {"alias": "NaN here is text", "acc,none": NaN, "acc_stderr,none": NaN, "f1,none": 0.5},
            "task_b": {"acc,none": 0.25, "acc_stderr,none": Infinity, "ppl,none": -Infinity}
          },
          "n-samples": {"task_a": {"original": 10, "effective": 10}, "task_b": {"original": 8, "effective": 8}},
          "model_name": "m/NaN-Infinity",
          "total_evaluation_time_seconds": NaN
        }
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void NaNMetricIsAbsentAndOthersRemain()
    {
        var run = LmEvalReader.Read([dir.Write("results_2024-01-01T00-00-00.000001.json", Crafted)]);
        var a = run.Find("task_a")!;
        Assert.Equal(["f1,none"], a.Metrics.Select(m => m.Key));
        Assert.Equal(5, a.Metrics[0].Successes);
    }

    [Fact]
    public void InfinityStderrAndMinusInfinityValueAreIgnored()
    {
        var run = LmEvalReader.Read([dir.Write("results_2024-01-01T00-00-00.000001.json", Crafted)]);
        var b = run.Find("task_b")!.Metrics.Single();
        Assert.Equal("acc,none", b.Key);
        Assert.Equal(8, b.N);
        Assert.Equal(2, b.Successes);
    }

    [Fact]
    public void StringsContainingTheTokensAreKept() =>
        Assert.Equal("m/NaN-Infinity", LmEvalReader.Read([dir.Write("results_2024-01-01T00-00-00.000001.json", Crafted)]).Model);

    [Fact]
    public void NaNWallTimeMeansNoTiming() =>
        Assert.Null(LmEvalReader.Read([dir.Write("results_2024-01-01T00-00-00.000001.json", Crafted)]).Timing);

    [Fact]
    public void NaNInASamplesLineMakesThatMetricUnusableForItems()
    {
        dir.Write("run/results_2024-01-01T00-00-00.000001.json", Crafted);
        dir.Write("run/samples_task_b_2024-01-01T00-00-00.000001.jsonl", "{\"doc_id\": 0, \"acc\": 1}\n{\"doc_id\": 1, \"acc\": NaN}\n");
        var run = LmEvalReader.Read(Directory.GetFiles(Path.Combine(dir.Path, "run")));
        Assert.Equal(MetricSource.Results, run.Find("task_b")!.Metrics.Single().Source);
    }
}
