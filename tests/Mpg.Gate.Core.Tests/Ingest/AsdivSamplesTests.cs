using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>asdiv: a results file (effective 50, acc 0.92) and its samples file (50 lines, no "metrics" list).</summary>
public class AsdivSamplesTests
{
    private static readonly string Dir = LmEvalData.Dir("with-samples", "asdiv__Meta-Llama-3-8B-Instruct");
    private static readonly string Samples = LmEvalData.Files(Dir, "samples_*.jsonl")[0];
    private readonly EvalRun run = LmEvalReader.Read(LmEvalData.Files(Dir, "*.json*"));

    [Fact]
    public void SamplesWinOverResults()
    {
        var asdiv = run.Find("asdiv")!;
        var acc = asdiv.Metrics.Single();
        Assert.Equal("acc,none", acc.Key);
        Assert.Equal(MetricSource.Samples, acc.Source);
        Assert.Equal(50, acc.N);
        Assert.Equal(46, acc.Successes);
        Assert.Equal(0.92, acc.Value);
        Assert.Equal(Samples, asdiv.File);
    }

    [Fact]
    public void ItemsMatchTheLinesAndAreSortedById()
    {
        var expected = File.ReadLines(Samples)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("doc_id").GetInt32(), Score: e.GetProperty("acc").GetDouble()))
            .OrderBy(x => x.Id)
            .Select(x => new ItemOutcome(x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Score));
        Assert.Equal(expected, run.Find("asdiv")!.Metrics.Single().Items!.Select(i => i with { Excerpt = null }));
    }

    [Fact]
    public void Excerpts_AreEachLinesQuestionTargetAndGreedyFlag()
    {
        var lines = File.ReadLines(Samples).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("doc_id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var items = run.Find("asdiv")!.Metrics.Single().Items!;
        Assert.All(items, item =>
        {
            var line = lines[item.Id];
            Assert.Equal(line.GetProperty("doc").GetProperty("question").GetString()!.Trim(), item.Excerpt!.Input);
            Assert.Equal(line.GetProperty("target").GetString(), item.Excerpt.Target);
            Assert.Contains($"greedy {line.GetProperty("filtered_resps")[0][1].GetString()}", item.Excerpt.Answer, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ModelAndTimingFromTheResultsFile()
    {
        Assert.Equal("meta-llama/Meta-Llama-3-8B-Instruct", run.Model);
        Assert.Equal(17.455804042001546, run.Timing!.WallSeconds);
        Assert.Equal(50, run.Timing.Items);
    }

    [Fact]
    public void ResultsAloneGiveValueTimesEffective()
    {
        var acc = LmEvalReader.Read([.. LmEvalData.Files(Dir, "results_*.json")]).Find("asdiv")!.Metrics.Single();
        Assert.Equal(MetricSource.Results, acc.Source);
        Assert.Equal(50, acc.N);
        Assert.Equal(46, acc.Successes, 9);
    }

    [Fact]
    public void SamplesAloneTakeTheModelOfTheResultsFileOfTheirRun()
    {
        var samplesOnly = LmEvalReader.Read([Samples]); // results_<same timestamp>.json is beside it, though not given
        Assert.Equal("meta-llama/Meta-Llama-3-8B-Instruct", samplesOnly.Model);
        Assert.Empty(samplesOnly.Notes);
        Assert.Null(samplesOnly.Timing);
        Assert.Equal(46, samplesOnly.Find("asdiv")!.Metrics.Single().Successes);
    }
}
