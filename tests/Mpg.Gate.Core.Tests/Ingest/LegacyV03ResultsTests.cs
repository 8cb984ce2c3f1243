using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Legacy v0.3 results: bare metric keys, no counts, one run split over three files.</summary>
public class LegacyV03ResultsTests
{
    private static readonly string[] Files = LmEvalData.Files(LmEvalData.Dir("v0.3-legacy", "llama-7B"), "*.json");
    private readonly EvalRun run = LmEvalReader.Read(Files);

    [Fact]
    public void ThreeFilesMergeIntoOneRunOfThePretrainedModel()
    {
        Assert.Equal("/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/7B", run.Model);
        Assert.Equal(3, run.Files.Count);
        Assert.NotNull(run.Find("gsm8k"));
        Assert.NotNull(run.Find("piqa"));
        Assert.NotNull(run.Find("hendrycksTest-anatomy"));
    }

    [Fact]
    public void NIsEstimatedFromStderr()
    {
        var acc = run.Find("arc_challenge")!.Metrics.Single(m => m.Key == "acc");
        var results = LmEvalData.Json(Files.Single(f => f.Contains("common_sense", StringComparison.Ordinal))).GetProperty("results").GetProperty("arc_challenge");
        var value = results.GetProperty("acc").GetDouble();
        var se = results.GetProperty("acc_stderr").GetDouble();
        var expected = (int)Math.Round(value * (1 - value) / (se * se) + 1);

        Assert.True(acc.NEstimated);
        Assert.Equal(expected, acc.N);
        Assert.Equal(1172, acc.N); // arc_challenge's test split really has 1172 items
        Assert.Equal(value * expected, acc.Successes, 9);
    }

    [Fact]
    public void EveryMetricIsEstimated() =>
        Assert.All(run.Benchmarks.SelectMany(b => b.Metrics), m => Assert.True(m.NEstimated));

    [Fact]
    public void MetricWithoutStderrOrCountIsLeftOut()
    {
        var mcTaco = run.Find("mc_taco");
        Assert.NotNull(mcTaco);
        Assert.Empty(mcTaco.Metrics);
    }

    [Fact]
    public void NoTimingInLegacyFiles() => Assert.Null(run.Timing);
}
