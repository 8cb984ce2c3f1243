using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;

namespace Mpg.Gate.Core.Tests.Reports;

/// <summary>One list of findings from a verdict: a code per failed rule at its policy line, Fastness at its rule's line.</summary>
public sealed class VerdictFindings
{
    private static readonly FastnessRule Fastness = new(0.9, false, new SourceSpan("mpg.yml", 44, 13));

    [Fact]
    public void FailedRules_GetTheirStatusCode_PassedRulesNone()
    {
        var verdict = Verdict(
            FastnessStatus.Ok,
            Rule("goodness", RuleKind.Regression, NodeStatus.Regression, passed: false, line: 41),
            Rule("goodness", RuleKind.Floor, NodeStatus.Floor, passed: false, line: 43),
            Rule("math", RuleKind.Regression, NodeStatus.Missing, passed: false, line: 42),
            Rule("reading", RuleKind.Regression, NodeStatus.Unchanged, passed: true, line: 45));

        var findings = VerdictDiagnostics.Of(verdict, Fastness);

        Assert.Equal(
            [("MPG1001", 41, "goodness"), ("MPG1002", 43, "goodness"), ("MPG1003", 42, "math")],
            findings.Select(f => (f.Code, f.Line, f.Subject!)));
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Theory]
    [InlineData(FastnessStatus.Warn, Severity.Warning)]
    [InlineData(FastnessStatus.Fail, Severity.Error)]
    public void SlowCandidate_IsAFastnessFindingAtTheRule(FastnessStatus status, Severity severity)
    {
        var finding = Assert.Single(VerdictDiagnostics.Of(Verdict(status), Fastness));

        Assert.Equal(new Diagnostic(severity, "MPG1101", "mpg.yml", 44, 13, "Fastness (qps) ratio 0.927 below min_ratio 0.9"), finding);
    }

    [Theory]
    [InlineData(FastnessStatus.Ok)]
    [InlineData(FastnessStatus.Unknown)]
    public void FastnessOkOrUnknown_IsNoFinding(FastnessStatus status) =>
        Assert.Empty(VerdictDiagnostics.Of(Verdict(status), Fastness));

    [Fact]
    public void Canonical_HasLocationCategoryAndCode()
    {
        Assert.Equal("mpg.yml(44,13): warning MPG1101: slow", new Diagnostic(Severity.Warning, "MPG1101", "mpg.yml", 44, 13, "slow").ToCanonical());
        Assert.Equal("r.json(162): error MPG3001: bad", new Diagnostic(Severity.Error, "MPG3001", "r.json", 162, 0, "bad").ToCanonical());
        Assert.Equal("mpg: error MPG4001: down", new Diagnostic(Severity.Error, "MPG4001", null, 0, 0, "down").ToCanonical());
    }

    private static RuleOutcome Rule(string node, RuleKind kind, NodeStatus status, bool passed, int line) =>
        new(node, kind, "mpg.yml", line, 7, 0.01, 0.95, 0.95, null, status, passed, $"{node}: {status}");

    private static Verdict Verdict(FastnessStatus fastness, params RuleOutcome[] rules) => new(
        Gate.Comparison.Verdict.SchemaId, "suite", rules.All(r => r.Passed) ? VerdictResult.Pass : VerdictResult.Fail, "2026-12-01T00:00:00Z", "0.1.0",
        "baseline.json", "a", "b", 1, 100, 0.95, Correction.Holm, [], rules,
        new FastnessComparison(FastnessMetric.Qps, 134.52, 124.72, 0.92714, 0.9, fastness, null));
}
