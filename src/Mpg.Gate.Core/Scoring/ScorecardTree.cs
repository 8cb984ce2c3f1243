using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>Rebuilds the tree a scorecard was scored with, for gates whose policy has no <c>goodness:</c>.</summary>
public static class ScorecardTree
{
    public static PolicyNode From(Scorecard card, SourceSpan span)
    {
        var children = card.Nodes.ToLookup(n => n.Parent ?? string.Empty, StringComparer.Ordinal);
        var root = card.Find(PolicyNode.RootId) ?? new ScorecardNode(PolicyNode.RootId, null, ScorecardNode.Group, 1, 0, 0, 0, 0);
        return Build(root, children, span);
    }

    // Stored weights are already normalised within each parent, so equal weighting reproduces them.
    private static PolicyNode Build(ScorecardNode node, ILookup<string, ScorecardNode> children, SourceSpan span) =>
        node.IsLeaf
            ? new PolicyNode(node.Id, node.Benchmark ?? node.Id, node.Metric, node.Weight, Weighting.Equal, [], span)
            : new PolicyNode(node.Id, null, null, node.Weight, Weighting.Equal, children[node.Id].Select(c => Build(c, children, span)).ToList(), span);
}
