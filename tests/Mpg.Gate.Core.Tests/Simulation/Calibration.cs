using Mpg.Gate.Policy;
using Xunit.Abstractions;

namespace Mpg.Gate.Core.Tests.Simulation;

/// <summary>
/// The promise of the gate, proven by simulation (figures in docs/METHOD.md): it does not block a PR on noise,
/// and it does not miss a real drop. Seeds are fixed, so each figure is reproducible exactly.
/// Rerun with output: dotnet test tests/Mpg.Gate.Core.Tests -c Release --filter Calibration --logger "console;verbosity=detailed"
/// </summary>
// Slow: hundreds of simulated PRs through the real pipeline (a minute or more on a loaded machine).
[Trait("Category", "Slow")]
public class Calibration(ITestOutputHelper output)
{
    [Fact]
    public void Null_TwentyGatedNodes_Holm_FalseAlarmsAtMostFivePercent()
    {
        const int prs = 400, benchmarks = 20, items = 100;
        var holm = SimulatedRuns.Policy(benchmarks, margin: 0, Correction.Holm, samples: 4000, seed: 1);
        var none = holm with { Gate = holm.Gate with { Correction = Correction.None } };
        using var sim = new SimulatedRuns();

        var fails = sim.Count(
            prs,
            seed: 2024,
            random => sim.PullRequest(holm, benchmarks, items, drop: 0, random),
            (b, c) => !SimulatedRuns.Gate(holm, b, c, paired: true).Passed,
            (b, c) => !SimulatedRuns.Gate(none, b, c, paired: true).Passed);

        var withHolm = new Rate(fails[0], prs);
        var uncorrected = new Rate(fails[1], prs);
        output.WriteLine($"null, {benchmarks} gated nodes of {items} items, margin 0, paired: holm fails {withHolm}; no correction fails {uncorrected}");
        Assert.True(withHolm.Value <= 0.05, withHolm.ToString());
        Assert.True(uncorrected.Value > 3 * withHolm.Value, "without correction the family-wise false-alarm rate is several times higher");
    }

    [Fact]
    public void ThreePointDrop_TwoThousandItems_PairedDetectsAtLeast85PercentAndMoreThanUnpaired()
    {
        var (paired, unpaired) = DetectionRates(items: 2000, drop: 0.03, margin: 0, policySeed: 3, seed: 7);

        output.WriteLine($"3-point drop, 2,000 items, margin 0: paired detects {paired}; unpaired {unpaired}");
        Assert.True(paired.Value >= 0.85, paired.ToString());
        Assert.True(paired.Hits > unpaired.Hits);
    }

    [Fact]
    public void FivePointDrop_OneThousandItems_DefaultMargin_PairedDetectsAtLeast80Percent()
    {
        var (paired, unpaired) = DetectionRates(items: 1000, drop: 0.05, margin: 0.01, policySeed: 5, seed: 11);

        output.WriteLine($"5-point drop, 1,000 items, margin 0.01: paired detects {paired}; unpaired {unpaired}");
        Assert.True(paired.Value >= 0.80, paired.ToString());
    }

    /// <summary>400 simulated PRs with a true drop on one benchmark, each gated paired and unpaired on the same runs.</summary>
    private static (Rate Paired, Rate Unpaired) DetectionRates(int items, double drop, double margin, int policySeed, int seed)
    {
        const int runs = 400;
        var policy = SimulatedRuns.Policy(1, margin, Correction.Holm, samples: 4000, seed: policySeed);
        using var sim = new SimulatedRuns();
        var detected = sim.Count(
            runs,
            seed,
            random => sim.PullRequest(policy, 1, items, drop, random),
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: true).Passed,
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: false).Passed);
        return (new Rate(detected[0], runs), new Rate(detected[1], runs));
    }
}
