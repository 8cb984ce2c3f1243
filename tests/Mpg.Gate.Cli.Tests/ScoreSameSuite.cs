using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

/// <summary><c>mpg score</c> on the real Qwen2.5-3B lm-eval v0.4 results.</summary>
public sealed class ScoreSameSuite : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private JsonElement Score(int seed = 1)
    {
        var result = mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "card.json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return mpg.Json("card.json");
    }

    [Fact]
    public void ArcChallenge_CountsComeFromNSamplesAndAccuracy()
    {
        var arc = Score().Node("arc_challenge");

        Assert.Equal(1172, arc.GetProperty("n").GetInt32());
        Assert.Equal(0.447098976109215 * 1172, arc.GetProperty("successes").GetDouble(), 9);
        Assert.False(arc.GetProperty("nEstimated").GetBoolean());
        Assert.Equal("acc,none", arc.GetProperty("metric").GetString());
        Assert.Equal(1 + (0.447098976109215 * 1172), arc.GetProperty("alpha").GetDouble(), 9);
    }

    [Fact]
    public void Mmlu_CountsTheItemsOfItsSubtasks()
    {
        Assert.Equal(14042, Score().Node("mmlu").GetProperty("n").GetInt32());
    }

    [Fact]
    public void Root_IsTheClosedFormWeightedMeanOfLeafPosteriorMeans()
    {
        var card = Score();
        var nodes = card.GetProperty("nodes").EnumerateArray().ToList();

        // Equal weights: each group is 1/3 of Goodness, each leaf 1/k of its group.
        double mean = 0, variance = 0;
        foreach (var group in nodes.Where(n => n.TryGetProperty("parent", out var p) && p.GetString() == "goodness"))
        {
            var leaves = nodes.Where(n => n.TryGetProperty("parent", out var p) && p.GetString() == group.GetProperty("id").GetString()).ToList();
            foreach (var leaf in leaves)
            {
                double a = leaf.GetProperty("alpha").GetDouble(), b = leaf.GetProperty("beta").GetDouble();
                var w = 1.0 / 3 / leaves.Count;
                mean += w * a / (a + b);
                variance += w * w * a * b / ((a + b) * (a + b) * (a + b + 1));
            }
        }

        var goodness = card.GetProperty("goodness");
        var tolerance = 3 * Math.Sqrt(variance) / Math.Sqrt(card.GetProperty("samples").GetInt32());
        Assert.InRange(goodness.GetProperty("mean").GetDouble(), mean - tolerance, mean + tolerance);
        Assert.Equal(goodness.GetProperty("mean").GetDouble(), card.Node("goodness").GetProperty("mean").GetDouble());
    }

    [Fact]
    public void Fastness_IsRunLevelQps()
    {
        var fastness = Score().GetProperty("fastness");

        Assert.Equal("run", fastness.GetProperty("scope").GetString());
        Assert.Equal(842.6999094970524, fastness.GetProperty("wallSeconds").GetDouble(), 9);
        Assert.Equal(fastness.GetProperty("items").GetInt64() / 842.6999094970524, fastness.GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public void AnotherSeed_GivesOtherDrawsOfTheSamePosterior()
    {
        var one = Score(seed: 1).GetProperty("goodness").GetProperty("mean").GetDouble();
        var two = Score(seed: 2).GetProperty("goodness").GetProperty("mean").GetDouble();

        Assert.NotEqual(one, two);
        Assert.Equal(one, two, 3);
    }
}
