using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using MathNet.Numerics;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Core.Tests.Ranking;

public sealed class RankerOnGeneratedRuns
{
    [Fact]
    public void Order_IsTheOrderOfExactPosteriorMeans()
    {
        var ranking = GeneratedRuns.Rank(GeneratedRuns.Policy(), [
            GeneratedRuns.Run("a", ("x", 100, 60), ("y", 100, 40)),
            GeneratedRuns.Run("b", ("x", 100, 70), ("y", 100, 40)),
            GeneratedRuns.Run("c", ("x", 1000, 500), ("y", 10, 5)),
        ]);

        // Exact means: a (61/102 + 41/102)/2 = 0.5, b (71 + 41)/204 = 0.549, c (501/1002 + 6/12)/2 = 0.5; a before c by name.
        Assert.Equal(["b", "a", "c"], ranking.Models.Select(m => m.Model));
        Assert.Equal(112.0 / 204, ranking.Models[0].Goodness.Mean, 12);
        Assert.Equal([1, 2, 3], ranking.Models.Select(m => m.Rank));
    }

    /// <summary>
    /// P(θ_b &gt; θ_a) for two Beta posteriors with integer parameters has a closed form (Evan Miller's sum); with one
    /// leaf per model, the ranking's P(&gt; next) is that probability, within the Monte Carlo error of 20,000 draws.
    /// </summary>
    [Fact]
    public void PAboveNext_MatchesTheClosedFormForTwoBetas()
    {
        var ranking = GeneratedRuns.Rank(GeneratedRuns.Policy(), [
            GeneratedRuns.Run("a", ("x", 40, 22)),
            GeneratedRuns.Run("b", ("x", 40, 18)),
        ]);

        // a ~ Beta(23, 19), b ~ Beta(19, 23).
        var exact = ProbabilityGreater(23, 19, 19, 23);
        Assert.InRange(ranking.Models[0].PAboveNext!.Value, exact - 0.015, exact + 0.015);
        Assert.Null(ranking.Models[1].PAboveNext);
    }

    [Fact]
    public void ClearlySeparatedModels_HaveSingleRankIntervals()
    {
        var ranking = GeneratedRuns.Rank(GeneratedRuns.Policy(), [
            GeneratedRuns.Run("weak", ("x", 5000, 1000)),
            GeneratedRuns.Run("strong", ("x", 5000, 4000)),
        ]);

        Assert.All(ranking.Models, m => Assert.Equal(m.Rank, m.RankLower));
        Assert.All(ranking.Models, m => Assert.Equal(m.Rank, m.RankUpper));
    }

    [Fact]
    public void IdenticalData_OverlapsAndIsACoinFlip()
    {
        var ranking = GeneratedRuns.Rank(GeneratedRuns.Policy(), [
            GeneratedRuns.Run("one", ("x", 500, 250)),
            GeneratedRuns.Run("two", ("x", 500, 250)),
        ]);

        Assert.All(ranking.Models, m => Assert.Equal((1, 2), (m.RankLower, m.RankUpper)));
        Assert.InRange(ranking.Models[0].PAboveNext!.Value, 0.47, 0.53);
    }

    [Fact]
    public void MissingBenchmark_Drop_ListsTheModelWithWhatItLacks()
    {
        var policy = GeneratedRuns.Policy(yamlTree: "goodness:\n  - { benchmark: x }\n  - { benchmark: y }\n");
        var ranking = GeneratedRuns.Rank(policy, [
            GeneratedRuns.Run("full", ("x", 100, 50), ("y", 100, 50)),
            GeneratedRuns.Run("partial", ("x", 100, 90)),
        ]);

        Assert.Equal(["full"], ranking.Models.Select(m => m.Model));
        var dropped = Assert.Single(ranking.Dropped);
        Assert.Equal("partial", dropped.Label);
        Assert.Equal(["y"], dropped.Missing);
    }

    [Fact]
    public void MissingBenchmark_Renormalise_RanksOnWhatItHasAndSaysSo()
    {
        var policy = GeneratedRuns.Policy(yamlTree: "goodness:\n  - { benchmark: x }\n  - { benchmark: y }\n");
        var ranking = GeneratedRuns.Rank(policy, [
            GeneratedRuns.Run("full", ("x", 100, 50), ("y", 100, 50)),
            GeneratedRuns.Run("partial", ("x", 100, 90)),
        ], MissingBenchmarks.Renormalise);

        var partial = ranking.Models.Single(m => m.Model == "partial");
        Assert.Equal(91.0 / 102, partial.Goodness.Mean, 12);
        Assert.Equal(["y"], partial.Renormalised);
        Assert.False(partial.Nodes.ContainsKey("y"));
        Assert.Contains(ranking.Notes, n => n.StartsWith("partial lacks y", StringComparison.Ordinal));
    }

    [Fact]
    public void NoModelHasTheTree_IsAnInputError()
    {
        var policy = GeneratedRuns.Policy(yamlTree: "goodness:\n  - { benchmark: x }\n  - { benchmark: y }\n");

        var error = Assert.Throws<NoCompleteModelException>(() => GeneratedRuns.Rank(policy, [GeneratedRuns.Run("partial", ("x", 100, 90))]));

        Assert.Contains("partial lacks y", error.Message, StringComparison.Ordinal);
        Assert.Equal(["y"], Assert.Single(error.Dropped, d => d.Label == "partial").Missing);
    }

    [Fact]
    public void SameInputs_SameRanking()
    {
        EvalRun[] runs = [GeneratedRuns.Run("a", ("x", 300, 150)), GeneratedRuns.Run("b", ("x", 300, 160)), GeneratedRuns.Run("c", ("x", 300, 155))];

        var one = GeneratedRuns.Rank(GeneratedRuns.Policy(), runs);
        var two = GeneratedRuns.Rank(GeneratedRuns.Policy(), runs);

        Assert.Equal(RankingFile.ToJson(one), RankingFile.ToJson(two));
    }

    /// <summary>P(θ_b &gt; θ_a), θ_a ~ Beta(aa, ba), θ_b ~ Beta(ab, bb), ab an integer (Miller 2015, "Formulas for Bayesian A/B testing").</summary>
    private static double ProbabilityGreater(int ab, int bb, int aa, int ba)
    {
        var total = 0.0;
        for (var i = 0; i < ab; i++)
        {
            total += Math.Exp(SpecialFunctions.BetaLn(aa + i, ba + bb) - Math.Log(bb + i) - SpecialFunctions.BetaLn(1 + i, bb) - SpecialFunctions.BetaLn(aa, ba));
        }

        return total;
    }
}
