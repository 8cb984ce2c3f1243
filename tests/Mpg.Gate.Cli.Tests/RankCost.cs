using System.Globalization;
using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The cost Pareto front of <c>mpg rank</c> on a real promptfoo export of two providers (gpt-4o and gpt-4o-mini on
/// the same prompts, each result with its own cost), laid out as a CI artifact: cost per 1,000 queries beside the
/// policy's QPS, checked against the file read independently here, the front marked, and the plot drawn.
/// </summary>
[Trait("Category", Acceptance.Category)]
public sealed class RankCost : IDisposable
{
    private readonly Mpg mpg = new();

    public RankCost()
    {
        Directory.CreateDirectory(mpg.PathOf("run-7"));
        File.Copy(Mpg.Data("promptfoo", "tthatcher95_nicheIQ", "results.json"), mpg.PathOf(Path.Combine("run-7", "results.json")));
    }

    public void Dispose() => mpg.Dispose();

    /// <summary>
    /// Each provider's cost per 1,000 queries as the equal-weight tree of prompts gives it: the mean over prompts of
    /// 1,000 × the prompt's mean cost per result, from the export's own <c>cost</c> fields.
    /// </summary>
    private static Dictionary<string, double> ExpectedCosts()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Mpg.Data("promptfoo", "tthatcher95_nicheIQ", "results.json")));
        return doc.RootElement.GetProperty("results").GetProperty("results").EnumerateArray()
            .Select(r => (Provider: r.GetProperty("provider").GetProperty("id").GetString()!.Split(':').Last(), Prompt: r.GetProperty("prompt").GetProperty("label").GetString()!, Cost: r.GetProperty("cost").GetDouble()))
            .GroupBy(r => r.Provider)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Prompt).Average(p => 1000 * p.Average(r => r.Cost)));
    }

    [Fact]
    public void CostBesideQps_IsTheTreesMeanCostPer1k_AndItsFrontIsMarked()
    {
        var result = mpg.Run("rank", "-i", "run-7", "--json", "out/rank.json", "--csv", "out/rank.csv", "--plot-cost", "out/cost.svg", "--plot", "out/qps.png", "--html", "page");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);

        var expected = ExpectedCosts();
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], expected.Keys.Order());
        var models = mpg.Json(Path.Combine("out", "rank.json")).GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!);
        foreach (var (model, cost) in expected)
        {
            Assert.Equal(cost, models[model].GetProperty("costPer1k").GetDouble(), 1e-12);
        }

        // The two tie on Goodness (17.5): gpt-4o answers faster, gpt-4o-mini costs ~1/18 as much, so each is on one front.
        Assert.True(models["gpt-4o"].GetProperty("pareto").GetBoolean());
        Assert.False(models["gpt-4o"].GetProperty("costPareto").GetBoolean());
        Assert.False(models["gpt-4o-mini"].GetProperty("pareto").GetBoolean());
        Assert.True(models["gpt-4o-mini"].GetProperty("costPareto").GetBoolean());

        Assert.Contains("cost / 1k", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cost front", result.Stdout, StringComparison.Ordinal);
        var csv = File.ReadAllLines(mpg.PathOf(Path.Combine("out", "rank.csv")));
        Assert.EndsWith(",fastness,cost_per_1k,cost_pareto", csv[0], StringComparison.Ordinal);
        var mini = csv.Single(l => l.StartsWith("gpt-4o-mini,gpt-4o-mini,,goodness,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(expected["gpt-4o-mini"], double.Parse(mini[^2], CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal("true", mini[^1]);

        var svg = File.ReadAllText(mpg.PathOf(Path.Combine("out", "cost.svg")));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("cost_per_1k (lower is better)", svg, StringComparison.Ordinal);
        Assert.True(new FileInfo(mpg.PathOf(Path.Combine("out", "qps.png"))).Length > 1000);
        var page = File.ReadAllText(mpg.PathOf(Path.Combine("page", "index.html")));
        Assert.Contains("Goodness against Fastness (qps) of 2 models", page, StringComparison.Ordinal);
        Assert.Contains("Goodness against Cost (cost_per_1k) of 2 models", page, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini: Goodness 17.5 (5.5 – 33.6), cost_per_1k 0.0359, rank 1–2, on the Pareto front", page, StringComparison.Ordinal);
    }

    [Fact]
    public void CostAsTheFastnessMetric_HasNoSecondFront()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: by-cost\ninputs: [run-7/results.json]\nfastness: { metric: cost_per_1k }\n");
        var result = mpg.Run("rank", "--json", "out/rank.json");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var expected = ExpectedCosts();
        foreach (var m in mpg.Json(Path.Combine("out", "rank.json")).GetProperty("models").EnumerateArray())
        {
            Assert.Equal(expected[m.GetProperty("model").GetString()!], m.GetProperty("fastness").GetDouble(), 1e-12);
            Assert.False(m.TryGetProperty("costPer1k", out _));
            Assert.Equal(m.GetProperty("model").GetString() == "gpt-4o-mini", m.GetProperty("pareto").GetBoolean());
        }

        var plot = mpg.Run("rank", "--plot-cost", "cost.svg");
        Assert.Equal(2, plot.ExitCode);
        Assert.Contains("--plot-cost cost.svg: the policy's Fastness is already cost_per_1k; --plot draws Goodness against it", plot.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(mpg.PathOf("cost.svg")));
    }

    [Fact]
    public void NoCostInTheInputs_NoCostColumns_AndThePlotIsAUsageError()
    {
        // A leaderboard table: accuracies and item counts, no cost.
        Mpg.CopyDirectory(ExampleAndInit.Example("leaderboard"), mpg.PathOf("candidate"));
        var result = mpg.Run("rank", "-p", "candidate/mpg.yml", "--csv", "rank.csv");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("cost front", result.Stdout, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(mpg.PathOf("rank.csv")).Skip(1).Where(l => l.Contains(",goodness,", StringComparison.Ordinal)), l => Assert.EndsWith(",,", l, StringComparison.Ordinal));

        var plot = mpg.Run("rank", "-p", "candidate/mpg.yml", "--plot-cost", "cost.png");
        Assert.Equal(2, plot.ExitCode);
        Assert.Contains("--plot-cost cost.png: no ranked model's inputs give a cost for every benchmark", plot.Stderr, StringComparison.Ordinal);
    }
}
