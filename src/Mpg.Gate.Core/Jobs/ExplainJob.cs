using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Jobs;

/// <summary>Which items to list: those that broke, those that were fixed, or both.</summary>
public enum ExplainFilter
{
    All,
    Broken,
    Fixed,
}

/// <summary>A node id that is not in the gate's tree; the caller says so with the ids there are.</summary>
public sealed class UnknownNodeException(string node, IReadOnlyList<string> known) : Exception($"no node '{node}' in the tree")
{
    public string Node { get; } = node;

    public IReadOnlyList<string> Known { get; } = known;
}

/// <summary><c>mpg explain</c> and <c>mpg gate --explain-md</c> without the console: whole explanations of a gate's scorecards.</summary>
public static class ExplainJob
{
    /// <summary>
    /// Every flipped item under <paramref name="node"/>; without one, under each node the verdict explains (those that
    /// failed against the baseline), or the whole tree where none did.
    /// </summary>
    /// <exception cref="UnknownNodeException">The node is not in the tree.</exception>
    public static IReadOnlyList<Explanation> Run(GatePolicy policy, GateResult result, string? node, ExplainFilter filter = ExplainFilter.All, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(result);
        var tree = Comparer.TreeOf(policy, result.Candidate);
        var all = tree.DescendantsAndSelf().ToList();
        IEnumerable<PolicyNode> nodes;
        if (node is not null)
        {
            nodes = [all.FirstOrDefault(n => n.Id == node) ?? throw new UnknownNodeException(node, all.Select(n => n.Id).ToList())];
        }
        else
        {
            var explained = result.Verdict.Explanations.Select(e => e.Node).ToHashSet(StringComparer.Ordinal);
            nodes = explained.Count > 0 ? all.Where(n => explained.Contains(n.Id)) : [tree];
        }

        return nodes.Select(n => Filter(Explainer.Of(policy, n, result.Baseline, result.Candidate), filter, limit)).ToList();
    }

    private static Explanation Filter(Explanation e, ExplainFilter filter, int? limit)
    {
        var kept = e.Items.Where(i => filter switch
        {
            ExplainFilter.Broken => i.Change == ItemChange.Broken,
            ExplainFilter.Fixed => i.Change == ItemChange.Fixed,
            _ => true,
        });
        return e with { Items = [.. limit is { } n ? kept.Take(n) : kept] };
    }
}
