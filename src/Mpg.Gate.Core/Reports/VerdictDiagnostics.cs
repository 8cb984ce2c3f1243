using System.Globalization;
using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Reports;

/// <summary>
/// A verdict's findings: one per failed rule at its line of the policy, a warning per inconclusive rule that did not
/// fail (<c>inconclusive: warn</c>), and Fastness below <c>min_ratio</c>.
/// </summary>
public static class VerdictDiagnostics
{
    /// <param name="fastnessRule">The policy's <c>gate.fastness</c>, whose line a Fastness finding points at.</param>
    public static IReadOnlyList<Diagnostic> Of(Verdict verdict, FastnessRule? fastnessRule)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var findings = verdict.Rules
            .Where(r => !r.Passed || r.Inconclusive == InconclusiveAction.Warn)
            .Select(r => new Diagnostic(r.Passed ? Severity.Warning : Severity.Error, CodeOf(r.Status), r.File, r.Line, r.Column, r.Message, r.Node))
            .ToList();

        var fastness = verdict.Fastness;
        if (fastness.Status is FastnessStatus.Warn or FastnessStatus.Fail && fastnessRule is { } rule)
        {
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"Fastness ({Spelling.Of(fastness.Metric)}) ratio {Number(fastness.Ratio)} below min_ratio {Number(rule.MinRatio)}");
            var severity = fastness.Status == FastnessStatus.Fail ? Severity.Error : Severity.Warning;
            findings.Add(new Diagnostic(severity, DiagnosticCode.Fastness, rule.Span.File, rule.Span.Line, rule.Span.Column, message));
        }

        return findings;
    }

    /// <summary>The code of a failed rule, by the status it failed with.</summary>
    public static string CodeOf(NodeStatus status) => status switch
    {
        NodeStatus.Floor => DiagnosticCode.Floor,
        NodeStatus.PassAll => DiagnosticCode.PassAll,
        NodeStatus.Missing => DiagnosticCode.Missing,
        NodeStatus.Inconclusive => DiagnosticCode.Inconclusive,
        NodeStatus.Required => DiagnosticCode.Required,
        NodeStatus.Drift => DiagnosticCode.Drift,
        _ => DiagnosticCode.Regression,
    };

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "unknown";
}
