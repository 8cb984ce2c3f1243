using System.Globalization;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// Judges <c>min_pass_all</c> rules: the candidate's pass^k, the share of items correct on every repeat, combined up
/// the tree with the weights the mean uses, must reach the minimum. Like a floor it is a bar on the candidate alone.
/// A leaf answered once has pass^1 = the share of its items fully correct. A leaf without per-item outcomes cannot
/// show pass^k and fails closed.
/// </summary>
internal static class PassAllJudge
{
    public static IEnumerable<RuleOutcome> Judge(IReadOnlyList<PolicyRule> rules, PolicyNode tree, IReadOnlyDictionary<string, double> weights, Scorecard candidate)
    {
        foreach (var rule in rules)
        {
            if (rule.MinPassAll is not { } minimum)
            {
                continue;
            }

            var node = tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == rule.Node)
                ?? throw new PolicyException(rule.Span, $"rule node '{rule.Node}' is not in the goodness tree");
            var shares = TreeWeights.LeafShares(node, weights);
            var passAll = 0.0;
            string? without = null;
            foreach (var (leaf, share) in shares)
            {
                if (PassAllOf(candidate.Find(leaf)) is { } p)
                {
                    passAll += share * p;
                }
                else
                {
                    without ??= leaf;
                }
            }

            if (without is not null)
            {
                yield return Outcome(rule, minimum, null, NodeStatus.Missing, false,
                    $"{rule.Node}: benchmark '{without}' has no per-item outcomes in the candidate, so its pass^k is unknown; a min_pass_all that cannot be checked fails");
                continue;
            }

            var passed = passAll >= minimum;
            yield return Outcome(rule, minimum, passAll, passed ? NodeStatus.Ok : NodeStatus.PassAll, passed,
                string.Create(CultureInfo.InvariantCulture, $"{rule.Node}: pass^k {passAll * 100:0.0} {(passed ? "≥" : "<")} min_pass_all {minimum * 100:0.0} (items correct on every repeat)"));
        }
    }

    /// <summary>A leaf's pass^k: from its repeats where items were answered more than once, else its fully correct items.</summary>
    private static double? PassAllOf(ScorecardNode? leaf) => leaf switch
    {
        { Repeats: { } repeats } => repeats.PassAll,
        { Items: { Count: > 0 } items } => (double)items.Scores.Count(s => s >= 1) / items.Count,
        _ => null,
    };

    private static RuleOutcome Outcome(PolicyRule rule, double minimum, double? passAll, NodeStatus status, bool passed, string message) =>
        new(rule.Node, RuleKind.PassAll, rule.Span.File, rule.Span.Line, rule.Span.Column, null, null, null, null, status, passed, message)
        {
            MinPassAll = minimum,
            PassAll = passAll,
        };
}
