using Mpg.Gate.Policy;
using Xunit.Abstractions;

namespace Mpg.Gate.Core.Tests.Simulation;

/// <summary>
/// The promise of the gate, proven by simulation (figures in docs/METHOD.md): it does not block a PR on noise,
/// and it does not miss a real drop. Seeds are fixed, so each figure is reproducible exactly.
/// Rerun with output: dotnet test tests/Mpg.Gate.Core.Tests -c Release --filter Calibration --logger "console;verbosity=detailed"
/// </summary>
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
        const int runs = 400;
        var policy = SimulatedRuns.Policy(1, margin: 0, Correction.Holm, samples: 4000, seed: 3);
        using var sim = new SimulatedRuns();

        var detected = sim.Count(
            runs,
            seed: 7,
            random => sim.PullRequest(policy, 1, 2000, drop: 0.03, random),
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: true).Passed,
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: false).Passed);

        output.WriteLine($"3-point drop, 2,000 items, margin 0: paired detects {new Rate(detected[0], runs)}; unpaired {new Rate(detected[1], runs)}");
        Assert.True(new Rate(detected[0], runs).Value >= 0.85, new Rate(detected[0], runs).ToString());
        Assert.True(detected[0] > detected[1]);
    }

    [Fact]
    public void FivePointDrop_OneThousandItems_DefaultMargin_PairedDetectsAtLeast80Percent()
    {
        const int runs = 400;
        var policy = SimulatedRuns.Policy(1, margin: 0.01, Correction.Holm, samples: 4000, seed: 5);
        using var sim = new SimulatedRuns();

        var detected = sim.Count(
            runs,
            seed: 11,
            random => sim.PullRequest(policy, 1, 1000, drop: 0.05, random),
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: true).Passed,
            (b, c) => !SimulatedRuns.Gate(policy, b, c, paired: false).Passed);

        output.WriteLine($"5-point drop, 1,000 items, margin 0.01: paired detects {new Rate(detected[0], runs)}; unpaired {new Rate(detected[1], runs)}");
        Assert.True(new Rate(detected[0], runs).Value >= 0.80, new Rate(detected[0], runs).ToString());
    }
}
