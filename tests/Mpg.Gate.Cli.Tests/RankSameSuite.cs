using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// <c>mpg rank</c> as a user runs it: the real same-suite lm-eval results copied into a CI-artifact folder, ranked
/// under the README's policy; then a next run lands beside it and the ranking is run again.
/// </summary>
[Trait("Category", Acceptance.Category)]
public sealed class RankSameSuite : IDisposable
{
    private const string Policy = """
        version: 1
        name: suite
        inputs:
          - run-42/**/results_*.json
        goodness:
          - name: factual-recall
            children:
              - { benchmark: mmlu, metric: acc }
              - { benchmark: sciq }
              - { benchmark: arc_easy }
          - name: problem-solving
            children:
              - { benchmark: arc_challenge, metric: acc }
              - { benchmark: hellaswag, metric: acc_norm }
              - { benchmark: piqa }
              - { benchmark: winogrande }
          - name: linguistic-social
            children:
              - { benchmark: lambada_openai }
              - { benchmark: rte }
              - { benchmark: sst2 }
        """;

    private readonly Mpg mpg = new();

    public RankSameSuite()
    {
        Mpg.CopyDirectory(Mpg.Data("lm-eval", "v0.4-same-suite"), mpg.PathOf("run-42"));
        File.WriteAllText(mpg.PathOf("mpg.yml"), Policy);
    }

    public void Dispose() => mpg.Dispose();

    private JsonElement Rank(params string[] extra)
    {
        var result = mpg.Run(["rank", "--json", "out/rank.json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return mpg.Json(Path.Combine("out", "rank.json"));
    }

    [Fact]
    public void Order_IsTheOrderOfExactPosteriorMeansOfEachRunScoredAlone()
    {
        // Independent of the ranker: each results file scored alone by `mpg score`, its exact Goodness taken from the
        // leaves' α and β with the tree's equal weights (each group 1/3, each leaf 1/k of its group).
        var expected = Directory.GetFiles(mpg.PathOf("run-42"), "results_*.json", SearchOption.AllDirectories)
            .Select(file =>
            {
                Assert.Equal(0, mpg.Run("score", "-i", file, "-o", "card.json").ExitCode);
                return (File: Path.GetFileName(file), Mean: ExactGoodness(mpg.Json("card.json")));
            })
            .OrderByDescending(x => x.Mean)
            .ToList();

        var models = Rank().GetProperty("models").EnumerateArray().ToList();

        Assert.Equal(7, models.Count);
        for (var i = 0; i < models.Count; i++)
        {
            Assert.Equal(expected[i].Mean, models[i].GetProperty("goodness").GetProperty("mean").GetDouble(), 12);
            Assert.Equal(i + 1, models[i].GetProperty("rank").GetInt32());
        }
    }

    [Fact]
    public void GemmaRerun_IsTwoEntriesLabelledByRunTime_WithIntersectingRankIntervals()
    {
        var gemma = Rank().GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("model").GetString() == "google/gemma-2-2b")
            .ToList();

        Assert.Equal(["google/gemma-2-2b @ 2025-03-03T02:29:42", "google/gemma-2-2b @ 2025-03-03T20:58:19"], gemma.Select(m => m.GetProperty("label").GetString()).Order(StringComparer.Ordinal));
        var (a, b) = (gemma[0], gemma[1]);
        Assert.True(
            a.GetProperty("rankLower").GetInt32() <= b.GetProperty("rankUpper").GetInt32() && b.GetProperty("rankLower").GetInt32() <= a.GetProperty("rankUpper").GetInt32(),
            "the two runs' rank intervals intersect");
    }

    [Fact]
    public void EveryGroupNode_HasMeansRanksAndRankIntervals()
    {
        var top = Rank().GetProperty("models")[0];

        var node = top.GetProperty("nodes").GetProperty("problem-solving");
        Assert.InRange(node.GetProperty("mean").GetDouble(), node.GetProperty("lower").GetDouble(), node.GetProperty("upper").GetDouble());
        Assert.True(node.GetProperty("rankLower").GetInt32() <= node.GetProperty("rank").GetInt32());
        Assert.True(top.GetProperty("nodes").GetProperty("mmlu").TryGetProperty("rank", out _));
    }

    [Fact]
    public void ParetoFront_IsTheModelsNoneBeatsOnGoodnessAndQps()
    {
        var models = Rank().GetProperty("models").EnumerateArray()
            .Select(m => (Label: m.GetProperty("label").GetString()!, G: m.GetProperty("goodness").GetProperty("mean").GetDouble(), Q: m.GetProperty("fastness").GetDouble(), Pareto: m.GetProperty("pareto").GetBoolean()))
            .ToList();

        foreach (var m in models)
        {
            var beaten = models.Any(o => o.Label != m.Label && o.G >= m.G && o.Q >= m.Q && (o.G > m.G || o.Q > m.Q));
            Assert.Equal(!beaten, m.Pareto);
        }

        Assert.Contains(models, m => m.Pareto);
    }

    [Fact]
    public void Outputs_PlotCsvAndMarkdown_AreWritten()
    {
        var result = mpg.Run("rank", "--by", "groups", "--plot", "out/pareto.svg", "--csv", "out/rank.csv", "--report-md", "out/rank.md");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("<svg", File.ReadAllText(mpg.PathOf("out/pareto.svg")), StringComparison.Ordinal);
        Assert.StartsWith("model,label,run_time,node,mean", File.ReadAllText(mpg.PathOf("out/rank.csv")), StringComparison.Ordinal);
        Assert.Equal(1 + (7 * 14), File.ReadAllLines(mpg.PathOf("out/rank.csv")).Length);
        Assert.Contains("**by linguistic-social**", File.ReadAllText(mpg.PathOf("out/rank.md")), StringComparison.Ordinal);
        Assert.Contains("by problem-solving:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NextRun_OfAModelAlreadyRanked_IsOneMoreEntry()
    {
        Assert.Equal(7, Rank().GetProperty("models").GetArrayLength());
        var llama = Path.Combine(mpg.PathOf("run-42"), "meta-llama__Llama-3.2-1B");
        File.Copy(Directory.GetFiles(llama).Single(), Path.Combine(llama, "results_2025-03-09T10-00-00.000001.json"));

        var models = Rank().GetProperty("models").EnumerateArray().ToList();

        Assert.Equal(8, models.Count);
        Assert.Equal(2, models.Count(m => m.GetProperty("model").GetString() == "meta-llama/Llama-3.2-1B"));
        Assert.Contains(models, m => m.GetProperty("label").GetString() == "meta-llama/Llama-3.2-1B @ 2025-03-09T10:00:00");
    }

    [Fact]
    public void Models_NamedFolders_AreOneEntryEachUnderTheirNames()
    {
        // Checkpoints often carry one model name: the two gemma-2-2b runs, one folder each, ranked as two checkpoints.
        var gemma = Path.Combine("run-42", "google__gemma-2-2b");
        Directory.CreateDirectory(mpg.PathOf("ckpt-100"));
        Directory.CreateDirectory(mpg.PathOf("ckpt-200"));
        File.Move(mpg.PathOf(Path.Combine(gemma, "results_2025-03-03T02-29-42.286969.json")), mpg.PathOf(Path.Combine("ckpt-100", "results_2025-03-03T02-29-42.286969.json")));
        File.Move(mpg.PathOf(Path.Combine(gemma, "results_2025-03-03T20-58-19.132054.json")), mpg.PathOf(Path.Combine("ckpt-200", "results_2025-03-03T20-58-19.132054.json")));

        var models = Rank("--models", "ckpt-100", "later=ckpt-200/").GetProperty("models").EnumerateArray().ToList();

        Assert.Equal(["ckpt-100", "later"], models.Select(m => m.GetProperty("label").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["ckpt-100", "later"], models.Select(m => m.GetProperty("model").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Models_AFolderOfTwoRuns_IsAnInputErrorNamingIt()
    {
        var result = mpg.Run("rank", "--models", Path.Combine("run-42", "google__gemma-2-2b"));

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.HasStackTrace);
        Assert.Contains("google__gemma-2-2b", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("holds 2 runs", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_TheSameNameTwice_IsAUsageError()
    {
        var result = mpg.Run("rank", "--models", "a=run-42/Qwen__Qwen2.5-3B", "a=run-42/Qwen__Qwen2.5-1.5B");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the name 'a' is given twice", result.Stderr, StringComparison.Ordinal);
    }

    private static double ExactGoodness(JsonElement card)
    {
        var nodes = card.GetProperty("nodes").EnumerateArray().ToList();
        var mean = 0.0;
        foreach (var group in nodes.Where(n => n.TryGetProperty("parent", out var p) && p.GetString() == "goodness"))
        {
            var leaves = nodes.Where(n => n.TryGetProperty("parent", out var p) && p.GetString() == group.GetProperty("id").GetString()).ToList();
            mean += leaves.Sum(l => l.GetProperty("alpha").GetDouble() / (l.GetProperty("alpha").GetDouble() + l.GetProperty("beta").GetDouble())) / leaves.Count / 3;
        }

        return mean;
    }
}
