namespace Mpg.Gate.Policy;

/// <summary>Checks a policy against facts known only later: the benchmarks the inputs hold, the tree's ids.</summary>
public static class PolicyValidator
{
    private const int MaxNamesListed = 10;

    /// <summary>Every leaf must name a benchmark (task) the inputs hold; a typo fails here, at the leaf's line.</summary>
    public static void CheckBenchmarks(GatePolicy policy, IReadOnlyCollection<string> available)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(available);
        if (policy.Goodness is null)
        {
            return;
        }

        var known = new HashSet<string>(available, StringComparer.Ordinal);
        foreach (var leaf in policy.Goodness.Leaves())
        {
            var benchmark = leaf.Benchmark!;
            if (known.Contains(benchmark))
            {
                continue;
            }

            var message = $"benchmark '{benchmark}' is not in the inputs";
            var suggestion = DidYouMean.Closest(benchmark, available.Order(StringComparer.Ordinal));
            if (suggestion is not null)
            {
                throw new PolicyException(leaf.Span, message, $"did you mean '{suggestion}'?");
            }

            throw new PolicyException(leaf.Span, message + "; " + Listing(available));
        }
    }

    /// <summary>Every rule must name a node of the tree (or the root); an unknown one fails at the rule's line.</summary>
    public static void CheckRuleNodes(IEnumerable<PolicyRule> rules, IEnumerable<string> nodeIds)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(nodeIds);
        var ids = nodeIds.Append(PolicyNode.RootId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var rule in rules)
        {
            if (ids.Contains(rule.Node, StringComparer.Ordinal))
            {
                continue;
            }

            var suggestion = DidYouMean.Closest(rule.Node, ids);
            throw new PolicyException(
                rule.Span,
                $"rule node '{rule.Node}' is not in the goodness tree; node ids are: {string.Join(", ", ids.Take(MaxNamesListed))}{(ids.Count > MaxNamesListed ? ", ..." : "")}",
                suggestion is null ? null : $"did you mean '{suggestion}'?");
        }
    }

    private static string Listing(IReadOnlyCollection<string> available)
    {
        if (available.Count == 0)
        {
            return "the inputs hold no benchmarks";
        }

        var names = available.Order(StringComparer.Ordinal).Take(MaxNamesListed);
        var more = available.Count > MaxNamesListed ? $" (and {available.Count - MaxNamesListed} more)" : "";
        return $"the inputs hold: {string.Join(", ", names)}{more}";
    }
}
