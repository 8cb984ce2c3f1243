using System.Globalization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// A 0.4.x results file with no <c>n-samples</c> (Open LLM v1 style): counts estimated from stderr. truthfulqa_mc1 is
/// binary (235 of 817), truthfulqa_mc2 graded (a probability mass, whose stderr is not binomial, so its binomial n is
/// 1,287 for 817 questions). Crafted with those numbers; the harness's group value is the size-weighted mean over
/// 817 + 817 items.
/// </summary>
public sealed class EstimatedCountsTests : IDisposable
{
    private const double Mc1 = 235.0 / 817;
    private const double Mc2 = 0.4282;
    private const double Mc2Stderr = 0.0138;
    private static readonly double Group = (Mc1 + Mc2) / 2;

    private readonly string directory = Directory.CreateTempSubdirectory("mpg-estimated-").FullName;
    private readonly string file;

    public EstimatedCountsTests()
    {
        var mc1Stderr = Math.Sqrt(Mc1 * (1 - Mc1) / 816);
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        file = Path.Combine(directory, "results_2024-01-01T00-00-00.000001.json");
        File.WriteAllText(file, $$$"""
            {"results": {
               "truthfulqa_mc1": {"alias": "truthfulqa_mc1", "acc,none": {{{N(Mc1)}}}, "acc_stderr,none": {{{N(mc1Stderr)}}}},
               "truthfulqa_mc2": {"alias": "truthfulqa_mc2", "acc,none": {{{N(Mc2)}}}, "acc_stderr,none": {{{N(Mc2Stderr)}}}}},
             "groups": {"truthfulqa": {"alias": "truthfulqa", "acc,none": {{{N(Group)}}}, "acc_stderr,none": 0.01}},
             "group_subtasks": {"truthfulqa": ["truthfulqa_mc1", "truthfulqa_mc2"]},
             "config": {"model_args": "pretrained=org/model"}}
            """);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ABinaryMetric_GetsItsExactNAndSaysHow()
    {
        var mc1 = LmEvalReader.Read([file]).Find("truthfulqa_mc1")!.Metrics.Single();

        Assert.Equal((817, 235.0), (mc1.N, Math.Round(mc1.Successes, 9)));
        Assert.True(mc1.NEstimated);
        Assert.Equal("from the stderr (no item count in the file)", mc1.NEstimatedReason);
    }

    [Fact]
    public void AGradedMetric_IsNotGivenABinomialNWithoutSayingSo()
    {
        var mc2 = LmEvalReader.Read([file]).Find("truthfulqa_mc2")!.Metrics.Single();

        Assert.Equal(1287, mc2.N); // 0.4282 × 0.5718 / 0.0138² + 1: the binomial formula's answer, not 817
        Assert.True(mc2.NEstimated);
        Assert.Contains("graded", mc2.NEstimatedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimatedCounts_DoNotMoveTheGroupMeanAwayFromTheHarnessValue()
    {
        var truthfulqa = LmEvalReader.Read([file]).Find("truthfulqa")!.Metrics.Single();

        var naive = (235 + (Mc2 * 1287)) / (817 + 1287);
        Assert.True(Math.Abs(naive - Group) > 0.01); // what pooling by the estimates alone would say: 1.6 pts off
        Assert.Equal(Group, truthfulqa.Successes / truthfulqa.N, 6);
        Assert.True(truthfulqa.NEstimated);
        Assert.Contains("kept", truthfulqa.NEstimatedReason, StringComparison.Ordinal);
    }
}
