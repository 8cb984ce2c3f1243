using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Planning;

/// <summary>
/// The items each gated node needs to decide a drop, from what the runs measured (<c>mpg plan</c>, and the
/// verdict's <c>itemsNeeded</c>). A group's Δ is the weighted sum of its leaves' Δs, so its variance is
/// Σ sₖ² σₖ²/nₖ (sₖ the leaf's share); growing every leaf in proportion, the group needs
/// n = nNow · (z σ_Δ / (D − margin))² items, which is <see cref="ItemsNeeded.For"/> with σ = σ_Δ √nNow.
/// The level is α divided by the number of gated rules: Holm's first step, the one every rule must be able to pass.
/// </summary>
public static class Planner
{
    public static Plan Plan(GatePolicy policy, Scorecard baseline, Scorecard? candidate, double? drop, double power, string baselineLabel)
    {
        var tree = policy.Goodness ?? ScorecardTree.From(candidate ?? baseline, SourceSpan.None(policy.File));
        var rules = GatedRules.For(policy, tree).Where(r => r.IsRegression).ToList();
        var weights = TreeWeights.Compute(tree, id => (candidate ?? baseline).Find(id)?.N ?? baseline.Find(id)?.N);
        var evidence = Evidence(baseline, candidate);
        var nodes = new List<PlanNode>();
        foreach (var rule in rules.DistinctBy(r => r.Node))
        {
            if (tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == rule.Node) is not { } node)
            {
                continue;
            }

            var margin = rule.Margin ?? policy.Gate.Margin;
            var alpha = Math.Round(Alpha(policy, rule, rules.Count), 12);
            if (Node(node, weights, evidence, margin, drop ?? ItemsNeeded.DefaultDrop(margin), alpha, power) is { } planned)
            {
                nodes.Add(planned);
            }
        }

        return new Plan(Planning.Plan.SchemaId, policy.Name, baselineLabel, baseline.Model, candidate?.Model, power, nodes);
    }

    /// <summary>
    /// The margin that <c>mpg init</c> writes: the smallest, in half points, at which a rerun with no true change is
    /// shown not worse (status unchanged) with the given power on every gated node, judged from one run's items
    /// as if unpaired (the next run's discordance is not known yet; pairing only narrows the interval).
    /// A true no-change lies z₁₋α′ + z_power standard errors inside such a margin, the same distance as
    /// <see cref="ItemsNeeded.DetectableDrop"/> at margin 0. Null where a gated node has no leaf with items.
    /// </summary>
    public static double? DecidableMargin(GatePolicy policy, Scorecard run, double power)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(run);
        var tree = policy.Goodness ?? ScorecardTree.From(run, SourceSpan.None(policy.File));
        var rules = GatedRules.For(policy, tree).Where(r => r.IsRegression).ToList();
        var weights = TreeWeights.Compute(tree, id => run.Find(id)?.N);
        var evidence = Evidence(run, null);
        double? margin = null;
        foreach (var rule in rules.DistinctBy(r => r.Node))
        {
            if (tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == rule.Node) is not { } node
                || Node(node, weights, evidence, 0, ItemsNeeded.DefaultDrop(0), Alpha(policy, rule, rules.Count), power) is not { } planned)
            {
                return null;
            }

            margin = Math.Max(margin ?? 0, planned.DetectableDrop);
        }

        return margin is { } m ? Math.Max(0.005, Math.Ceiling((m / 0.005) - 1e-9) * 0.005) : null;
    }

    /// <summary>The rule's level after the correction's first step (Bonferroni's α/m; Holm starts there).</summary>
    public static double Alpha(GatePolicy policy, PolicyRule rule, int gatedRules)
    {
        var alpha = 1 - (rule.Confidence ?? policy.Gate.Confidence);
        return policy.Gate.Correction == Correction.None ? alpha : alpha / Math.Max(1, gatedRules);
    }

    /// <summary>What each leaf measured: paired where both scorecards carry its items, else unpaired from the baseline's mean.</summary>
    public static Func<string, ItemEvidence?> Evidence(Scorecard baseline, Scorecard? candidate) => id =>
    {
        var b = baseline.Find(id);
        var c = candidate?.Find(id);
        if (b?.Items is { } bi && c?.Items is { } ci && ItemEvidence.FromPairs(ItemPairs.Match(bi, ci)) is { } paired)
        {
            return paired;
        }

        return b is { IsLeaf: true, N: { } n } && (c is null ? candidate is null : c.N is not null)
            ? ItemEvidence.Unpaired(b.Mean, c?.N ?? n)
            : null;
    };

    /// <returns>Null where a leaf under the node has no evidence (nothing is planned from nothing).</returns>
    public static PlanNode? Node(PolicyNode node, IReadOnlyDictionary<string, double> weights, Func<string, ItemEvidence?> evidence, double margin, double drop, double alpha, double power)
    {
        var shares = TreeWeights.LeafShares(node, weights);
        var leaves = node.Leaves().Select(l => (l.Id, Evidence: evidence(l.Id))).ToList();
        if (leaves.Count == 0 || leaves.Any(l => l.Evidence is null))
        {
            return null;
        }

        var itemsNow = leaves.Sum(l => l.Evidence!.Items);
        double VarianceAt(double d) => leaves.Sum(l => Math.Pow(shares[l.Id], 2) * Math.Pow(l.Evidence!.SdAt(d), 2) / l.Evidence.Items);
        var sd = Math.Sqrt(VarianceAt(drop) * itemsNow);
        var sdNull = Math.Sqrt(VarianceAt(0) * itemsNow);
        var single = leaves.Count == 1 ? leaves[0].Evidence : null;
        return new PlanNode(
            node.Id,
            leaves.All(l => l.Evidence!.Paired),
            itemsNow,
            ItemsNeeded.For(sd, drop, margin, alpha, power),
            ItemsNeeded.DetectableDrop(sdNull, itemsNow, margin, alpha, power),
            single?.Discordance,
            single?.Discordance is null ? sd : null,
            margin,
            drop,
            alpha);
    }
}
