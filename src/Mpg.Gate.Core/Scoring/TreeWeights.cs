using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>
/// Each node's weight within its parent, normalised so siblings sum to 1. Equal weighting uses the
/// declared weights (macro average); size weighting multiplies them by item counts (micro average).
/// </summary>
public static class TreeWeights
{
    /// <param name="leafN">Item count of a leaf by id; null where the leaf has no data (its weight is then taken as declared).</param>
    public static IReadOnlyDictionary<string, double> Compute(PolicyNode root, Func<string, int?> leafN)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal) { [root.Id] = 1.0 };
        Visit(root, leafN, weights);
        return weights;
    }

    /// <summary>Each leaf's share of <paramref name="node"/>'s score: the product of relative weights on the path.</summary>
    public static IReadOnlyDictionary<string, double> LeafShares(PolicyNode node, IReadOnlyDictionary<string, double> relative)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        Accumulate(node, 1.0, relative, shares, isTop: true);
        return shares;
    }

    private static void Accumulate(PolicyNode node, double share, IReadOnlyDictionary<string, double> relative, Dictionary<string, double> shares, bool isTop)
    {
        var mine = isTop ? share : share * relative[node.Id];
        if (node.IsLeaf)
        {
            shares[node.Id] = mine;
            return;
        }

        foreach (var child in node.Children)
        {
            Accumulate(child, mine, relative, shares, isTop: false);
        }
    }

    private static void Visit(PolicyNode node, Func<string, int?> leafN, Dictionary<string, double> weights)
    {
        if (node.IsLeaf)
        {
            return;
        }

        var raw = node.Children
            .Select(c => node.Weighting == Weighting.Size ? c.Weight * Size(c, leafN) : c.Weight)
            .ToArray();
        var total = raw.Sum();
        for (var i = 0; i < node.Children.Count; i++)
        {
            // All children empty under size weighting: fall back to equal shares rather than divide by zero.
            weights[node.Children[i].Id] = total > 0 ? raw[i] / total : 1.0 / raw.Length;
            Visit(node.Children[i], leafN, weights);
        }
    }

    private static double Size(PolicyNode node, Func<string, int?> leafN) =>
        node.IsLeaf ? leafN(node.Id) ?? 0 : node.Children.Sum(c => Size(c, leafN));
}
