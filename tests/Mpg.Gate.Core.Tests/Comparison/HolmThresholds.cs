using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Comparison;

public class HolmThresholds
{
    [Fact]
    public void StepDown_TestsSmallestFirstAndStopsAtFirstFailure()
    {
        // α = 0.05, m = 3: sorted p 0.01 ≤ 0.05/3 (reject), 0.02 ≤ 0.05/2 (reject), 0.04 > 0.05/1? no: 0.04 ≤ 0.05 (reject).
        var all = RuleJudge.Thresholds(Correction.Holm, [(0.04, 0.05), (0.01, 0.05), (0.02, 0.05)]);
        Assert.Equal(1 - 0.05, all[0].Required, 12);
        Assert.Equal(1 - (0.05 / 3), all[1].Required, 12);
        Assert.Equal(1 - (0.05 / 2), all[2].Required, 12);
        Assert.All(all, t => Assert.True(t.Reached));

        // p = 0.03 fails 0.05/2 at rank 2, so the larger p = 0.04 is not tested at all.
        var stopped = RuleJudge.Thresholds(Correction.Holm, [(0.04, 0.05), (0.01, 0.05), (0.03, 0.05)]);
        Assert.True(stopped[1].Reached);
        Assert.True(stopped[2].Reached); // reached (tested), though it then fails its threshold
        Assert.False(stopped[0].Reached);
    }

    [Fact]
    public void Bonferroni_DividesAlphaByFamilySize()
    {
        var t = RuleJudge.Thresholds(Correction.Bonferroni, [(0.5, 0.05), (0.5, 0.05), (0.5, 0.05), (0.5, 0.05)]);
        Assert.All(t, x => Assert.Equal(1 - 0.0125, x.Required, 12));
    }

    [Fact]
    public void None_KeepsEachRulesConfidence()
    {
        var t = RuleJudge.Thresholds(Correction.None, [(0.5, 0.05), (0.5, 0.10)]);
        Assert.Equal(0.95, t[0].Required, 12);
        Assert.Equal(0.90, t[1].Required, 12);
    }
}
