namespace Mpg.Gate.Policy;

/// <summary>The rules a gate judges: the policy's own, plus one per node that <c>gate.scope</c> adds.</summary>
internal static class GatedRules
{
    public static IReadOnlyList<PolicyRule> For(GatePolicy policy, PolicyNode tree)
    {
        var rules = policy.Gate.Rules.Count > 0
            ? policy.Gate.Rules.ToList()
            : [new PolicyRule(PolicyNode.RootId, null, null, null, SourceSpan.None(policy.File))];
        if (policy.Gate.Scope == GateScope.Rules)
        {
            return rules;
        }

        // A node with a regression rule of its own keeps it; the others get the gate's defaults.
        var ruled = rules.Where(r => r.IsRegression).Select(r => r.Node).ToHashSet(StringComparer.Ordinal);
        var span = policy.Gate.ScopeSpan ?? SourceSpan.None(policy.File);
        rules.AddRange(tree.DescendantsAndSelf()
            .Where(n => (policy.Gate.Scope == GateScope.All || !n.IsLeaf) && !ruled.Contains(n.Id))
            .Select(n => new PolicyRule(n.Id, null, null, null, span)));
        return rules;
    }
}
