using System.Globalization;
using Mpg.Gate.Comparison;
using Mpg.Gate.Core.Tests.Scoring;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Xunit.Abstractions;
using static Mpg.Gate.Core.Tests.Scoring.TestTrees;

namespace Mpg.Gate.Core.Tests.Simulation;

/// <summary>
/// "unchanged" is a claim (not worse than the margin), and an eval big enough makes it: 5,000 paired items with no
/// true change, gated at margin 0.02, read <c>unchanged</c> in at least 90% of seeded replicates (the normal
/// approximation says 92.5%: ψ = 0.21 in this design, sd(Δ̂) = √(0.21/5000) = 0.65 points, P(Δ̂ > −2 + 1.645 × 0.65)).
/// Items as in <see cref="SimulatedRuns"/>: pᵢ ~ Beta(0.7, 0.3), both runs draw each item from its pᵢ.
/// </summary>
// Slow: hundreds of simulated gates per figure.
[Trait("Category", "Slow")]
public class ShownNotWorse(ITestOutputHelper output)
{
    private static readonly ScoreContext ScoreAt = new("test", DateTimeOffset.UnixEpoch, "sha256:0", ".");
    private static readonly GateContext GateAt = new("test", DateTimeOffset.UnixEpoch, "baseline.json");

    [Fact]
    public void NoTrueChange_FiveThousandPairedItems_MarginTwoPoints_UnchangedInAtLeastNinetyPercent()
    {
        const int replicates = 400, n = 5000;
        var policy = PolicyOf(Root(Weighting.Equal, Leaf("a")), samples: GatePolicy.DefaultSamples, rules: [new PolicyRule("a", 0.02, null, null, Here)]);
        var statuses = new NodeStatus[replicates];
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var random = new Random(777_000 + r);
            var b = new double[n];
            var c = new double[n];
            for (var i = 0; i < n; i++)
            {
                var p = MathNet.Numerics.Distributions.Beta.Sample(random, 0.7, 0.3);
                b[i] = random.NextDouble() < p ? 1 : 0;
                c[i] = random.NextDouble() < p ? 1 : 0;
            }

            var seeded = policy with { Seed = r };
            var verdict = Comparer.Compare(seeded, Scorer.Score(seeded, TestItems.Run("base", ("a", b)), ScoreAt), Scorer.Score(seeded, TestItems.Run("cand", ("a", c)), ScoreAt), GateAt);
            statuses[r] = verdict.Nodes.Single(x => x.Id == "a").Status;
        });

        var unchanged = new Rate(statuses.Count(s => s == NodeStatus.Unchanged), replicates);
        var regressions = statuses.Count(s => s == NodeStatus.Regression);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no change, {n} paired items, margin 0.02: unchanged {unchanged}; inconclusive {statuses.Count(s => s == NodeStatus.Inconclusive)}; regression {regressions}; improvement {statuses.Count(s => s == NodeStatus.Improvement)}"));
        Assert.True(unchanged.Value >= 0.90, unchanged.ToString());
        Assert.Equal(0, regressions);
    }
}
