using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>A real v0.4.x results file: Qwen/Qwen2.5-3B on arc, glue, mmlu (nested groups) and more.</summary>
public class QwenV04ResultsTests
{
    private static readonly string File = LmEvalData.Files(LmEvalData.Dir("v0.4-same-suite", "Qwen__Qwen2.5-3B"), "results_*.json")[0];
    private readonly EvalRun run = LmEvalReader.Read([File]);

    [Fact]
    public void ModelComesFromModelName() => Assert.Equal("Qwen/Qwen2.5-3B", run.Model);

    [Fact]
    public void ArcChallengeHasEffectiveCountAndAccTimesN()
    {
        var acc = run.Find("arc_challenge")!.Metrics.Single(m => m.Key == "acc,none");
        Assert.Equal(1172, acc.N);
        Assert.Equal(0.447098976109215, acc.Value);
        Assert.Equal(0.447098976109215 * 1172, acc.Successes, 9);
        Assert.False(acc.NEstimated);
        Assert.Equal(MetricSource.Results, acc.Source);
        Assert.Null(acc.Items);
    }

    [Fact]
    public void EveryLeafMetricIsValueTimesEffectiveFromTheFile()
    {
        var root = LmEvalData.Json(File);
        var nSamples = root.GetProperty("n-samples");
        foreach (var task in nSamples.EnumerateObject())
        {
            var n = task.Value.GetProperty("effective").GetInt32();
            var acc = run.Find(task.Name)!.Metrics.FirstOrDefault(m => m.Key == "acc,none");
            if (acc is null)
            {
                continue;
            }

            var value = root.GetProperty("results").GetProperty(task.Name).GetProperty("acc,none").GetDouble();
            Assert.Equal(n, acc.N);
            Assert.Equal(value * n, acc.Successes, 9);
        }
    }

    [Fact]
    public void StderrAliasAndOutOfRangeValuesAreNotMetrics()
    {
        var lambada = run.Find("lambada_openai")!;
        Assert.Equal(["acc,none"], lambada.Metrics.Select(m => m.Key));
        Assert.DoesNotContain(run.Benchmarks.SelectMany(b => b.Metrics), m => m.Name.EndsWith("_stderr", StringComparison.Ordinal));
        Assert.All(run.Benchmarks.SelectMany(b => b.Metrics), m => Assert.InRange(m.Value!.Value, 0, 1));
    }

    [Fact]
    public void MmluGroupCountsAllItsLeafItems()
    {
        var mmlu = run.Find("mmlu")!;
        Assert.Equal(["mmlu_stem", "mmlu_other", "mmlu_social_sciences", "mmlu_humanities"], mmlu.Subtasks);
        var acc = mmlu.Metrics.Single(m => m.Key == "acc,none");
        Assert.Equal(14042, acc.N);

        // Pooled successes: the sum over the 57 leaves of acc × n, computed here from the file itself.
        var root = LmEvalData.Json(File);
        var expected = root.GetProperty("n-samples").EnumerateObject()
            .Where(t => t.Name.StartsWith("mmlu_", StringComparison.Ordinal))
            .Sum(t => t.Value.GetProperty("effective").GetInt32() * root.GetProperty("results").GetProperty(t.Name).GetProperty("acc,none").GetDouble());
        Assert.Equal(expected, acc.Successes, 6);
        Assert.Equal(acc.Value!.Value, acc.Successes / acc.N, 6); // mmlu's own value is the size-weighted mean
    }

    [Fact]
    public void IntermediateGroupListsItsLeaves()
    {
        var humanities = run.Find("mmlu_humanities")!;
        Assert.Equal(13, humanities.Subtasks.Count);
        Assert.Contains("mmlu_formal_logic", humanities.Subtasks);
        Assert.Empty(run.Find("arc_challenge")!.Subtasks);
    }

    [Fact]
    public void TimingIsWallSecondsFromStringAndLeafItems()
    {
        var root = LmEvalData.Json(File);
        var items = root.GetProperty("n-samples").EnumerateObject().Sum(t => (long)t.Value.GetProperty("effective").GetInt32());
        Assert.Equal(842.6999094970524, run.Timing!.WallSeconds);
        Assert.Equal(items, run.Timing.Items);
    }

    [Fact]
    public void GroupsAreListedOnce() =>
        Assert.Equal(run.Benchmarks.Count, run.Benchmarks.Select(b => b.Name).Distinct().Count());
}
