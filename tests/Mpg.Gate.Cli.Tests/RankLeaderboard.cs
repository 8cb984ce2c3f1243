using System.Globalization;
using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// examples/leaderboard as its README runs it: ObsScaling's published instruct-model numbers ranked against the
/// table's Arena-Elo column. The correlations are checked against a computation straight from the source table.
/// </summary>
public sealed class RankLeaderboard : IDisposable
{
    private static readonly (string Column, int Items)[] Benchmarks =
        [("MMLU", 14042), ("ARC-C", 1172), ("HellaSwag", 10042), ("Winogrande", 1267), ("TruthfulQA", 817), ("GSM8K", 1319), ("HumanEval", 164)];

    private readonly Mpg mpg = new();

    public RankLeaderboard() => Mpg.CopyDirectory(ExampleAndInit.Example("leaderboard"), mpg.PathOf("candidate"));

    public void Dispose() => mpg.Dispose();

    private JsonElement Rank(params string[] extra)
    {
        var result = mpg.Run(["rank", "-p", "candidate/mpg.yml", "--reference", "candidate/arena.csv", "--json", "rank.json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.False(result.HasStackTrace);
        return mpg.Json("rank.json");
    }

    [Fact]
    public void GoodnessAndMmluPearson_AgreeWithAHandComputationOnTheCompleteRows()
    {
        // The rows with all seven benchmarks and an Arena-Elo; exact posterior means with the Beta(1,1) prior, equal weights.
        var rows = CompleteRows();
        var arena = rows.Select(r => r.Arena).ToArray();
        var goodness = rows.Select(r => r.Accuracies.Select((a, k) => ((a * Benchmarks[k].Items) + 1) / (Benchmarks[k].Items + 2)).Average()).ToArray();
        var mmlu = rows.Select(r => ((r.Accuracies[0] * 14042) + 1) / 14044).ToArray();

        var correlations = Rank().GetProperty("correlations").EnumerateArray().ToDictionary(c => c.GetProperty("of").GetString()!);

        Assert.Equal(15, rows.Count);
        Assert.Equal(15, correlations["goodness"].GetProperty("n").GetInt32());
        Assert.Equal(Pearson(goodness, arena), correlations["goodness"].GetProperty("pearson").GetProperty("value").GetDouble(), 3);
        Assert.Equal(Pearson(mmlu, arena), correlations["mmlu"].GetProperty("pearson").GetProperty("value").GetDouble(), 3);
    }

    [Fact]
    public void BootstrapIntervals_AreSeededAndHoldTheirPointValue()
    {
        var one = Rank().GetProperty("correlations").GetRawText();
        var two = Rank().GetProperty("correlations").GetRawText();

        Assert.Equal(one, two);
        foreach (var c in JsonDocument.Parse(one).RootElement.EnumerateArray())
        {
            foreach (var stat in new[] { "pearson", "spearman", "kendall" })
            {
                var e = c.GetProperty(stat);
                Assert.InRange(e.GetProperty("value").GetDouble(), e.GetProperty("lower").GetDouble(), e.GetProperty("upper").GetDouble());
            }
        }
    }

    [Fact]
    public void UnmatchedModels_AreListedOnBothSides()
    {
        var reference = Rank().GetProperty("reference");

        Assert.Contains("lemur-70b-chat-v1", reference.GetProperty("notInReference").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("claude-2.0", reference.GetProperty("notInInputs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void FitWeights_IsJudgedByLeaveOneOut_AndSaysWhenItDoesNotBeatEqualWeights()
    {
        var result = mpg.Run("rank", "-p", "candidate/mpg.yml", "--reference", "candidate/arena.csv", "--fit-weights", "--json", "rank.json");
        var fit = mpg.Json("rank.json").GetProperty("fit");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(15, fit.GetProperty("n").GetInt32());
        Assert.Equal(fit.GetProperty("looPearson").GetDouble() > fit.GetProperty("equalPearson").GetDouble(), fit.GetProperty("beatsEqualWeights").GetBoolean());
        Assert.Equal(1.0, fit.GetProperty("weights").EnumerateObject().Sum(w => w.Value.GetDouble()), 3);
        Assert.Contains(fit.GetProperty("beatsEqualWeights").GetBoolean() ? "fitting beats equal weights" : "fitting does NOT beat equal weights", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsMissingABenchmark_AreListedNotRanked()
    {
        var ranking = Rank();

        var dropped = ranking.GetProperty("dropped").EnumerateArray().ToDictionary(d => d.GetProperty("label").GetString()!, d => d.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList());
        Assert.Equal(["humaneval"], dropped["wizardlm-30b-v1.0"]);
        Assert.Equal(22, ranking.GetProperty("models").GetArrayLength());
    }

    private static List<(double[] Accuracies, double Arena)> CompleteRows()
    {
        var lines = File.ReadAllLines(Mpg.Data("leaderboards", "ObsScaling", "instruct_llm_benchmark_eval.csv"));
        var header = lines[0].Split(',');
        var rows = new List<(double[], double)>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            string Cell(string column) => cells[Array.IndexOf(header, column)];
            if (Cell("Arena-Elo").Length == 0 || Benchmarks.Any(b => Cell(b.Column).Length == 0))
            {
                continue;
            }

            rows.Add((Benchmarks.Select(b => double.Parse(Cell(b.Column), CultureInfo.InvariantCulture)).ToArray(), double.Parse(Cell("Arena-Elo"), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }
}
