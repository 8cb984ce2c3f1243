using System.Globalization;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// The drift rule: the candidate against the level of the last <c>window</c> records of a branch, so a slow
/// slide fails even when every step passed its own gate. The window is pooled as the mean of its records:
/// each record's node is drawn from its own posteriors (a stream per record) and the reference draw is the
/// average of the records' draws, so its mean is the mean of the records' means and its variance
/// Σ var_i / W². Δ = candidate − reference; the rule fails when P(Δ &lt; −margin) ≥ <c>gate.confidence</c>.
/// It is one rule on its own, outside the Holm family of the per-PR rules.
/// </summary>
public static class DriftJudge
{
    /// <param name="window">The branch's latest records, newest first (at most the policy's window).</param>
    public static Verdict Apply(Verdict verdict, GatePolicy policy, Scorecard candidate, IReadOnlyList<Scorecard> window, string branch)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(window);
        if (policy.Gate.Drift is not { } drift)
        {
            return verdict;
        }

        var tree = policy.Goodness ?? ScorecardTree.From(candidate, SourceSpan.None(policy.File));
        var weights = TreeWeights.Compute(tree, id => candidate.Find(id)?.N);
        var candDraws = Comparer.DrawSide(tree, candidate, Comparer.CandidateStream, policy, weights).GetValueOrDefault(drift.Node);
        var pooled = Pool(tree, window, policy, weights, drift.Node, out var used);
        var delta = DeltaStats.Of(pooled, candDraws, drift.Margin, policy.Level);
        var confidence = policy.Gate.Confidence;
        var drifted = delta is null || delta.PRegression >= confidence;
        var status = delta is null ? NodeStatus.Missing : drifted ? NodeStatus.Drift : NodeStatus.Unchanged;
        var message = delta is null
            ? $"{drift.Node}: drift needs records of this gate on '{branch}' with the node, and the candidate's; {window.Count} record(s) found, {used} usable: fails closed"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{drift.Node}: drift against the mean of the last {used} records on {branch}: Δ {Points(delta.Delta.Mean)} pts ({Points(delta.Delta.Lower)}, {Points(delta.Delta.Upper)}), P(Δ < −{drift.Margin * 100:0.##} pts) = {delta.PRegression:0.000}, {(drifted ? "≥" : "<")} {confidence:0.000} needed");
        var outcome = new RuleOutcome(drift.Node, RuleKind.Drift, drift.Span.File, drift.Span.Line, drift.Span.Column, drift.Margin, confidence, confidence, null, status, !drifted, message);
        var summary = new DriftComparison(
            drift.Node, branch, drift.Window, used, delta?.BaselineMean, delta?.CandidateMean, delta?.Delta.Mean, delta?.Delta.Lower, delta?.Delta.Upper, delta?.PRegression, status);
        var nodes = verdict.Nodes
            .Select(n => n.Id == drift.Node && drifted && n.Status is NodeStatus.Unchanged or NodeStatus.Improvement
                ? n with { Status = status, Gated = true, Rule = $"{Path.GetFileName(drift.Span.File)}:{drift.Span.Line}" }
                : n)
            .ToList();
        return verdict with
        {
            Result = verdict.Passed && !drifted ? VerdictResult.Pass : VerdictResult.Fail,
            Nodes = nodes,
            Rules = [.. verdict.Rules, outcome],
            Drift = summary,
        };
    }

    /// <summary>The pooled reference draws of <paramref name="node"/>; records without the node are left out.</summary>
    internal static double[]? Pool(PolicyNode tree, IReadOnlyList<Scorecard> window, GatePolicy policy, IReadOnlyDictionary<string, double> weights, string node, out int used)
    {
        double[]? sum = null;
        used = 0;
        for (var i = 0; i < window.Count; i++)
        {
            if (Comparer.DrawSide(tree, window[i], $"drift{i.ToString(CultureInfo.InvariantCulture)}", policy, weights).GetValueOrDefault(node) is not { } draws)
            {
                continue;
            }

            sum ??= new double[draws.Length];
            for (var d = 0; d < draws.Length; d++)
            {
                sum[d] += draws[d];
            }

            used++;
        }

        if (sum is null)
        {
            return null;
        }

        for (var d = 0; d < sum.Length; d++)
        {
            sum[d] /= used;
        }

        return sum;
    }

    private static string Points(double delta) => (delta * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);
}

/// <summary>What the drift rule compared: the candidate against the pooled window of <see cref="Branch"/>.</summary>
public sealed record DriftComparison(
    string Node,
    string Branch,
    int Window,
    int Records,
    double? ReferenceMean,
    double? CandidateMean,
    double? Delta,
    double? DeltaLower,
    double? DeltaUpper,
    double? PRegression,
    NodeStatus Status);
