using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Several models' runs in one input: grouped by model, ordered by name, samples attached to their run.</summary>
public class ReadRunsTests
{
    [Fact]
    public void SameSuiteFolderGivesOneRunPerModelInOrdinalOrder()
    {
        var files = InputResolver.Resolve([LmEvalData.Dir("v0.4-same-suite")], "/");
        var runs = LmEvalReader.ReadRuns(files);
        Assert.Equal(
            ["Qwen/Qwen2.5-1.5B", "Qwen/Qwen2.5-3B", "google/gemma-2-2b", "google/gemma-2-2b-it", "meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-3B"],
            runs.Select(r => r.Model));
        Assert.All(runs, r => Assert.Equal(14042, r.Find("mmlu")!.Metrics.Single(m => m.Key == "acc,none").N));
    }

    [Fact]
    public void RerunInALaterFileWins()
    {
        var gemma = LmEvalReader.ReadRuns(InputResolver.Resolve([LmEvalData.Dir("v0.4-same-suite", "google__gemma-2-2b")], "/")).Single();
        var later = LmEvalData.Files(LmEvalData.Dir("v0.4-same-suite", "google__gemma-2-2b"), "results_*.json")[1];
        var value = LmEvalData.Json(later).GetProperty("results").GetProperty("arc_challenge").GetProperty("acc,none").GetDouble();

        Assert.Equal(2, gemma.Files.Count);
        Assert.Equal(later, gemma.Find("arc_challenge")!.File);
        Assert.Equal(value, gemma.Find("arc_challenge")!.Metrics.Single(m => m.Key == "acc,none").Value);
        Assert.Equal(1037.2833064366132, gemma.Timing!.WallSeconds); // the earlier file contributed no task, so not its time
        Assert.Single(gemma.Benchmarks, b => b.Name == "arc_challenge");
    }

    [Fact]
    public void SamplesGoWithTheResultsFileBesideThem()
    {
        var runs = LmEvalReader.ReadRuns(InputResolver.Resolve([LmEvalData.Dir("with-samples")], "/"));
        Assert.Equal(["Qwen/Qwen3-8B", "meta-llama/Meta-Llama-3-8B-Instruct"], runs.Select(r => r.Model));
        Assert.Equal(MetricSource.Samples, runs[1].Find("asdiv")!.Metrics.Single().Source);
        Assert.Equal(4, runs[0].Files.Count);
    }

    [Fact]
    public void LegacyFilesAreOneRun() =>
        Assert.Single(LmEvalReader.ReadRuns(InputResolver.Resolve([LmEvalData.Dir("v0.3-legacy")], "/")));
}
