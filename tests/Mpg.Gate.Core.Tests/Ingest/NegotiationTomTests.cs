using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// negotiationtom (lm_eval 0.4.13): a group of three 20-item subtasks, all with samples files, where intention's
/// micro_f1/macro_f1 are corpus-level (each line holds [[gold],[pred]]) and only exact_match is per item.
/// </summary>
public class NegotiationTomTests
{
    private static readonly string Dir = LmEvalData.Dir("with-samples", "negotiationtom__Qwen3-8B");
    private readonly EvalRun run = LmEvalReader.Read(LmEvalData.Files(Dir, "*.json*"));

    [Fact]
    public void GroupHasThreeSubtasksOfSixtyItems()
    {
        var group = run.Find("negotiationtom")!;
        Assert.Equal(["negotiationtom_belief", "negotiationtom_desire", "negotiationtom_intention"], group.Subtasks);
        Assert.Equal(60, group.Subtasks.Sum(s => run.Find(s)!.Metrics.Max(m => m.N)));
        Assert.Equal(60, run.Timing!.Items);
        Assert.Equal(184.64356022595894, run.Timing.WallSeconds);
    }

    [Fact]
    public void GroupAccPoolsOnlyTheSubtasksThatHaveAcc()
    {
        // acc exists in belief and desire only; the file's own sample_count says 40, and 0.525 × 40 = 21.
        var acc = run.Find("negotiationtom")!.Metrics.Single(m => m.Key == "acc,none");
        Assert.Equal(40, acc.N);
        Assert.Equal(21, acc.Successes, 9);
        Assert.Equal(0.525, acc.Value);
    }

    [Fact]
    public void LeafAccComesFromSamples()
    {
        var acc = run.Find("negotiationtom_belief")!.Metrics.Single();
        var lines = File.ReadLines(LmEvalData.Files(Dir, "samples_negotiationtom_belief_*.jsonl")[0]).ToList();
        Assert.Equal(MetricSource.Samples, acc.Source);
        Assert.Equal(lines.Count, acc.N);
        Assert.Equal(lines.Count(l => JsonDocument.Parse(l).RootElement.GetProperty("acc").GetDouble() == 1), acc.Successes);
        Assert.Equal(0.45 * 20, acc.Successes, 9);
    }

    [Fact]
    public void IntentionListScoresAreSkippedForItems()
    {
        var intention = run.Find("negotiationtom_intention")!;
        var microF1 = intention.Metrics.Single(m => m.Key == "micro_f1,none");
        Assert.Equal(MetricSource.Results, microF1.Source);
        Assert.Null(microF1.Items);
        Assert.Equal(20, microF1.N);
        Assert.Equal(MetricSource.Results, intention.Metrics.Single(m => m.Key == "macro_f1,none").Source);

        var exact = intention.Metrics.Single(m => m.Key == "exact_match,none");
        Assert.Equal(MetricSource.Samples, exact.Source);
        Assert.Equal(20, exact.Items!.Count);
        Assert.Equal(0.2 * 20, exact.Successes, 9);
    }

    [Fact]
    public void ModelArgsAsObjectStillNamesTheModel() => Assert.Equal("Qwen/Qwen3-8B", run.Model);
}
