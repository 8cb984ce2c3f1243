using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>The forward-only scan of samples lines and the full parse give the same counts, line shape by line shape.</summary>
public sealed class SamplesFastPathTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void MixedLineShapes_CountAsTheFullParseWould()
    {
        var file = dir.Write("m/samples_t_2026-01-01T00-00-00.000000.jsonl", """
            {"doc_id": 0, "doc": {"q": "a"}, "arguments": [["x", {"until": ["\n"]}]], "filter": "none", "metrics": ["acc"], "acc": 1.0}
            {"doc_id": 1, "filter": "none", "metrics": ["acc"], "acc": [0.0]}
            {"doc_id": 2, "filter": "none", "metrics": ["acc"], "acc": true}
            {"doc_id": 2, "filter": "none", "metrics": ["acc"], "acc": false}
            {"doc_id": "3", "filter": "none", "metrics": ["acc"], "acc": NaN}
            """);

        var run = LmEvalReader.Read([file]);

        Assert.Empty(run.Benchmarks); // doc 3's NaN is no per-item score, so "acc" is unusable per item, as in the full parse
    }

    [Fact]
    public void FastLines_WithAListScoreAndRepeats()
    {
        var file = dir.Write("m/samples_t_2026-01-01T00-00-00.000000.jsonl", """
            {"doc_id": 0, "doc": {"q": "a"}, "filter": "none", "metrics": ["acc"], "acc": 1.0}
            {"doc_id": 1, "filter": "none", "metrics": ["acc"], "acc": [0.0]}
            {"doc_id": 2, "filter": "none", "metrics": ["acc"], "acc": true}
            {"doc_id": 2, "filter": "none", "metrics": ["acc"], "acc": false}
            """);

        var metric = LmEvalReader.Read([file]).Benchmarks.Single().Metrics.Single();

        Assert.Equal(("acc,none", 3, 1.5), (metric.Key, metric.N, metric.Successes)); // 1 + 0 + (1+0)/2
    }

    [Fact]
    public void MalformedLine_StillReportsItsLineNumber()
    {
        var file = dir.Write("m/samples_t_2026-01-01T00-00-00.000000.jsonl", "{\"doc_id\": 0, \"metrics\": [\"acc\"], \"acc\": 1}\n{\"doc_id\": 1, \"metrics\": [\"acc\"], \"acc\": 1\n");
        var ex = Assert.Throws<InputException>(() => LmEvalReader.Read([file]));
        Assert.Equal(2, ex.Line);
    }
}
