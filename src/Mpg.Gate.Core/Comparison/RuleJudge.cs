using System.Globalization;
using MathNet.Numerics.Distributions;
using Mpg.Gate.Planning;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Comparison;

/// <summary>
/// Judges the policy's rules. Regression rules form one family: with <c>holm</c> or <c>bonferroni</c> the
/// probability each must reach is raised so the chance of any false alarm stays at 1 − confidence.
/// Missing data fails its rule (closed), and is left out of the family.
/// </summary>
internal static class RuleJudge
{
    public static IReadOnlyList<RuleOutcome> Judge(
        GatePolicy policy,
        IReadOnlyList<PolicyRule> rules,
        IReadOnlyDictionary<string, double[]> baseDraws,
        IReadOnlyDictionary<string, double[]> candDraws,
        Func<string, int?> candidateN,
        Func<PolicyRule, double, PlanNode?> plan)
    {
        var outcomes = new RuleOutcome?[rules.Count];
        var family = new List<(int Index, DeltaStats Delta, double Margin, double Confidence)>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.MinPassAll is not null)
            {
                continue; // PassAllJudge's
            }

            if (rule.Floor is { } floor)
            {
                outcomes[i] = JudgeFloor(rule, floor, candDraws.GetValueOrDefault(rule.Node));
                continue;
            }

            var margin = rule.Margin ?? policy.Gate.Margin;
            var confidence = rule.Confidence ?? policy.Gate.Confidence;
            if ((rule.MinN ?? policy.Gate.MinN) is { } minN && candidateN(rule.Node) is { } n && n < minN)
            {
                outcomes[i] = Outcome(rule, RuleKind.Regression, margin, confidence, null, NodeStatus.Underpowered, true, $"{rule.Node}: {n} items, fewer than min_n {minN}: reported, not gated") with { MinN = minN };
                continue;
            }

            var delta = DeltaStats.Of(baseDraws.GetValueOrDefault(rule.Node), candDraws.GetValueOrDefault(rule.Node), margin, policy.Level);
            if (delta is null)
            {
                outcomes[i] = Outcome(rule, RuleKind.Regression, margin, confidence, null, NodeStatus.Missing, false, $"{rule.Node}: no data on one side; a gated node with missing data fails");
                continue;
            }

            family.Add((i, delta, margin, confidence));
        }

        // Two claims, each its own Holm family: "worse than the margin" (P(Δ < −margin)) and "not worse than the
        // margin" (P(Δ ≥ −margin)). A node that makes neither is inconclusive, never a pass by default.
        var thresholds = Thresholds(policy.Gate.Correction, family.Select(f => (1 - f.Delta.PRegression, 1 - f.Confidence)).ToList());
        var notWorseThresholds = Thresholds(policy.Gate.Correction, family.Select(f => (f.Delta.PRegression, 1 - f.Confidence)).ToList());
        for (var k = 0; k < family.Count; k++)
        {
            var (index, delta, margin, confidence) = family[k];
            var threshold = thresholds[k];
            var regressed = delta.PRegression >= threshold.Required && threshold.Reached;
            var notWorse = 1 - delta.PRegression >= notWorseThresholds[k].Required && notWorseThresholds[k].Reached;
            var status = regressed ? NodeStatus.Regression
                : delta.PImprovement >= confidence ? NodeStatus.Improvement
                : notWorse ? NodeStatus.Unchanged
                : NodeStatus.Inconclusive;
            var rule = rules[index];
            var action = rule.Inconclusive ?? policy.Gate.Inconclusive;
            var planned = plan(rule, margin);
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"{rule.Node}: Δ {Numbers.SignedPoints(delta.Delta.Mean)} pts ({Numbers.SignedPoints(delta.Delta.Lower)}, {Numbers.SignedPoints(delta.Delta.Upper)}), P(Δ < −{margin * 100:0.##} pts) = {delta.PRegression:0.000}, {(regressed ? "≥" : "<")} {threshold.Required:0.000} needed");
            if (status == NodeStatus.Inconclusive)
            {
                message = string.Create(CultureInfo.InvariantCulture, $"{message}; P(Δ ≥ −{margin * 100:0.##} pts) = {1 - delta.PRegression:0.000}, < {notWorseThresholds[k].Required:0.000} needed: inconclusive{ItemsNeededText(planned)}");
            }

            outcomes[index] = Outcome(rule, RuleKind.Regression, margin, confidence, threshold.Required, status, !regressed && !(status == NodeStatus.Inconclusive && action == InconclusiveAction.Fail), message) with
            {
                MinDetectableDrop = MinDetectableDrop(margin, threshold.Required, delta.Delta.Sd),
                MinN = rule.MinN ?? policy.Gate.MinN,
                Inconclusive = status == NodeStatus.Inconclusive ? action : null,
                ItemsNow = planned?.ItemsNow,
                ItemsNeeded = planned?.ItemsNeeded,
                ItemsNeededDrop = planned?.Drop,
            };
        }

        return outcomes.OfType<RuleOutcome>().ToList();
    }

    /// <summary>
    /// The smallest true drop this rule flags with 80% probability: the margin plus (z of the required probability
    /// + z of 0.8) standard deviations of Δ — the normal approximation, with Δ's posterior sd standing in for its sampling sd.
    /// </summary>
    internal static double MinDetectableDrop(double margin, double required, double deltaSd) =>
        margin + ((Normal.InvCDF(0, 1, required) + Normal.InvCDF(0, 1, 0.8)) * deltaSd);

    /// <summary>The status a gated node shows: the worst of its rules.</summary>
    public static NodeStatus StatusOf(IReadOnlyList<RuleOutcome> outcomes, DeltaStats? delta, double confidence)
    {
        foreach (var worst in new[] { NodeStatus.Missing, NodeStatus.Required, NodeStatus.Floor, NodeStatus.PassAll, NodeStatus.Regression, NodeStatus.Inconclusive, NodeStatus.Improvement, NodeStatus.Underpowered })
        {
            if (outcomes.Any(o => o.Status == worst))
            {
                return worst;
            }
        }

        return outcomes.Any(o => o.Kind == RuleKind.Regression) ? NodeStatus.Unchanged : InformationalStatus(delta, confidence);
    }

    /// <summary>For nodes no rule gates: what the default test would say, uncorrected, for the reader's information.</summary>
    public static NodeStatus InformationalStatus(DeltaStats? delta, double confidence) =>
        delta is null ? NodeStatus.Missing
        : delta.PRegression >= confidence ? NodeStatus.Regression
        : delta.PImprovement >= confidence ? NodeStatus.Improvement
        : 1 - delta.PRegression >= confidence ? NodeStatus.Unchanged
        : NodeStatus.Inconclusive;

    /// <summary>
    /// For each member (p = 1 − P(regression), α = 1 − confidence): the P(regression) it must reach and
    /// whether the step-down procedure reached it (Holm stops at the first member that fails). Holm tests the smallest p against α/m, the next
    /// against α/(m−1), … and stops at the first that fails.
    /// </summary>
    internal static (double Required, bool Reached)[] Thresholds(Correction correction, IReadOnlyList<(double P, double Alpha)> family)
    {
        var m = family.Count;
        var result = new (double Required, bool Reached)[m];
        if (correction != Correction.Holm)
        {
            for (var i = 0; i < m; i++)
            {
                var alpha = correction == Correction.Bonferroni ? family[i].Alpha / m : family[i].Alpha;
                result[i] = (1 - alpha, true);
            }

            return result;
        }

        var order = Enumerable.Range(0, m).OrderBy(i => family[i].P).ThenBy(i => i).ToArray();
        var stillRejecting = true;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            var alpha = family[i].Alpha / (m - rank);
            result[i] = (1 - alpha, stillRejecting);
            stillRejecting &= family[i].P <= alpha;
        }

        return result;
    }

    private static RuleOutcome JudgeFloor(PolicyRule rule, double floor, double[]? candidate)
    {
        if (candidate is null)
        {
            return Outcome(rule, RuleKind.Floor, null, null, null, NodeStatus.Missing, false, $"{rule.Node}: no candidate data; a gated node with missing data fails");
        }

        var mean = candidate.Average();
        var passed = mean >= floor;
        var message = string.Create(CultureInfo.InvariantCulture, $"{rule.Node}: candidate {mean * 100:0.0} {(passed ? "≥" : "<")} floor {floor * 100:0.0}");
        return new RuleOutcome(rule.Node, RuleKind.Floor, rule.Span.File, rule.Span.Line, rule.Span.Column, null, null, null, floor, passed ? NodeStatus.Ok : NodeStatus.Floor, passed, message);
    }

    private static RuleOutcome Outcome(PolicyRule rule, RuleKind kind, double? margin, double? confidence, double? threshold, NodeStatus status, bool passed, string message) =>
        new(rule.Node, kind, rule.Span.File, rule.Span.Line, rule.Span.Column, margin, confidence, threshold, null, status, passed, message);

    /// <summary>"; about 1,400 more items would decide a 2-point drop at 80% power", from the plan of the rule's node.</summary>
    private static string ItemsNeededText(PlanNode? planned)
    {
        if (planned?.ItemsNeeded is not { } needed)
        {
            return string.Empty;
        }

        var drop = (planned.Drop * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return needed > planned.ItemsNow
            ? string.Create(CultureInfo.InvariantCulture, $"; about {ItemsNeeded.About(needed - planned.ItemsNow):#,0} more items would decide a {drop}-point drop at 80% power")
            : string.Create(CultureInfo.InvariantCulture, $"; its {planned.ItemsNow:#,0} items decide a {drop}-point drop at 80% power, and this Δ lies near the margin");
    }
}
