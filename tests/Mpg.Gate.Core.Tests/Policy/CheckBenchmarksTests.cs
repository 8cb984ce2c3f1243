using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

public class CheckBenchmarksTests
{
    private static readonly GatePolicy Policy = PolicyLoader.Parse("goodness:\n  - gsm8k\n  - name: knowledge\n    children:\n      - { benchmark: mmlu_pro }\n", "mpg.yml");

    [Fact]
    public void AllPresent_Passes()
    {
        PolicyValidator.CheckBenchmarks(Policy, ["gsm8k", "mmlu_pro", "arc_easy"]);
    }

    [Fact]
    public void MissingBenchmark_PointsAtTheLeafAndSuggestsTheStem()
    {
        var e = Assert.Throws<PolicyException>(() => PolicyValidator.CheckBenchmarks(Policy, ["gsm8k", "mmlu", "arc_easy"]));
        Assert.Equal((5, 9), (e.Span.Line, e.Span.Column));
        Assert.Equal("benchmark 'mmlu_pro' is not in the inputs", e.Message);
        Assert.Equal("did you mean 'mmlu'?", e.Suggestion);
    }

    [Fact]
    public void NothingClose_ListsUpToTenNames()
    {
        var available = Enumerable.Range(0, 12).Select(i => $"task{i:00}").ToList();
        var e = Assert.Throws<PolicyException>(() => PolicyValidator.CheckBenchmarks(Policy, available));
        Assert.Null(e.Suggestion);
        Assert.Equal(
            "benchmark 'gsm8k' is not in the inputs; the inputs hold: task00, task01, task02, task03, task04, task05, task06, task07, task08, task09 (and 2 more)",
            e.Message);
        Assert.Equal((2, 5), (e.Span.Line, e.Span.Column));
    }

    [Fact]
    public void EmptyInputs_SaySo()
    {
        var e = Assert.Throws<PolicyException>(() => PolicyValidator.CheckBenchmarks(Policy, []));
        Assert.Equal("benchmark 'gsm8k' is not in the inputs; the inputs hold no benchmarks", e.Message);
    }

    [Fact]
    public void CaseDifferences_AreSuggestedNotAccepted()
    {
        var e = Assert.Throws<PolicyException>(() => PolicyValidator.CheckBenchmarks(Policy, ["GSM8K", "mmlu_pro"]));
        Assert.Equal("did you mean 'GSM8K'?", e.Suggestion);
    }

    [Fact]
    public void NoTree_NothingToCheck()
    {
        PolicyValidator.CheckBenchmarks(PolicyLoader.Parse("samples: 100", "mpg.yml"), []);
    }
}
