using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>
/// Builds the Goodness tree from <c>goodness:</c>. A list item is a group
/// (<c>name</c>, <c>children</c>) or a leaf (<c>benchmark</c>); ids are unique across the tree
/// because rules, reports and the JSON refer to nodes by id.
/// </summary>
internal sealed class GoodnessTreeReader(string file, Weighting defaultWeighting)
{
    // Real trees are 2-3 levels deep; the cap turns a YAML alias cycle into an error, not a stack overflow.
    private const int MaxDepth = 32;

    private static readonly string[] LeafKeys = ["benchmark", "metric", "weight", "id"];
    private static readonly string[] GroupKeys = ["name", "weight", "weighting", "children"];
    private static readonly string[] AnyNodeKeys = [.. LeafKeys.Union(GroupKeys)];

    private readonly Dictionary<string, SourceSpan> seen = new(StringComparer.Ordinal);

    public static PolicyNode Read(MappingReader top, Weighting defaultWeighting)
    {
        var keySpan = top.KeySpan("goodness") ?? SourceSpan.None(top.File);
        var list = top.Sequence("goodness", "a list of groups and benchmarks")!;
        if (list.Children.Count == 0)
        {
            throw new PolicyException(Spans.Of(top.File, list), "'goodness' is empty; list at least one benchmark");
        }

        var reader = new GoodnessTreeReader(top.File, defaultWeighting);
        reader.seen[PolicyNode.RootId] = keySpan;
        var children = reader.ReadChildren(list, "goodness", 1);
        return new PolicyNode(PolicyNode.RootId, null, null, 1, defaultWeighting, children, keySpan);
    }

    private List<PolicyNode> ReadChildren(YamlSequenceNode list, string path, int depth)
    {
        var children = new List<PolicyNode>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            children.Add(ReadNode(list.Children[i], $"{path}[{i}]", depth));
        }

        return children;
    }

    private PolicyNode ReadNode(YamlNode node, string path, int depth)
    {
        var span = Spans.Of(file, node);
        if (depth > MaxDepth)
        {
            throw new PolicyException(span, $"the goodness tree is nested more than {MaxDepth} levels deep at {path}");
        }

        // `- mmlu` is shorthand for `- { benchmark: mmlu }`: the common case stays one word.
        if (node is YamlScalarNode { Value: { Length: > 0 } shorthand } && !YamlValues.IsNull(node))
        {
            return Register(new PolicyNode(shorthand, shorthand, null, 1, defaultWeighting, [], span), isGroup: false);
        }

        if (node is not YamlMappingNode mapping)
        {
            throw new PolicyException(span, $"expected a group or a benchmark at {path}, got {YamlValues.Describe(node)}");
        }

        var keys = KeysOf(mapping);
        var isLeaf = keys.Contains("benchmark");
        var isGroup = keys.Contains("children") || keys.Contains("name");
        if (isLeaf && keys.Contains("children"))
        {
            throw new PolicyException(
                span,
                $"{path} has both 'benchmark' and 'children'; a leaf names one benchmark, a group lists children",
                "split it into a group and a leaf");
        }

        // Until we know the kind, accept any node key so a typo still gets a did-you-mean.
        var map = new MappingReader(mapping, file, path, isLeaf ? LeafKeys : isGroup ? GroupKeys : AnyNodeKeys);
        if (isLeaf)
        {
            return ReadLeaf(map);
        }

        if (isGroup)
        {
            return ReadGroup(map, depth);
        }

        throw new PolicyException(span, $"{path} is neither a leaf nor a group: give it 'benchmark' (a leaf) or 'name' and 'children' (a group)");
    }

    private PolicyNode ReadLeaf(MappingReader map)
    {
        var benchmark = map.String("benchmark");
        if (string.IsNullOrWhiteSpace(benchmark))
        {
            throw new PolicyException(map.Span, $"{map.Path} has an empty 'benchmark'");
        }

        var id = map.String("id") ?? benchmark;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new PolicyException(map.Span, $"{map.Path} has an empty 'id'");
        }

        var node = new PolicyNode(id, benchmark, map.String("metric"), Weight(map), defaultWeighting, [], map.Span);
        return Register(node, isGroup: false);
    }

    private PolicyNode ReadGroup(MappingReader map, int depth)
    {
        var name = map.String("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new PolicyException(map.Span, $"the group at {map.Path} needs a 'name' (it is the group's id)");
        }

        var weight = Weight(map);
        var weighting = ParseWeighting(map) ?? defaultWeighting;
        var span = map.Span;

        // Registered before the children are read, so a YAML alias that loops back is a duplicate id.
        Register(new PolicyNode(name, null, null, weight, weighting, [], span), isGroup: true);
        var list = map.Sequence("children", "a list of groups and benchmarks");
        if (list is null || list.Children.Count == 0)
        {
            throw new PolicyException(span, $"group '{name}' has no children; list at least one benchmark under 'children'");
        }

        var children = ReadChildren(list, map.PathOf("children"), depth + 1);
        return new PolicyNode(name, null, null, weight, weighting, children, span);
    }

    private PolicyNode Register(PolicyNode node, bool isGroup)
    {
        if (node.Id == PolicyNode.RootId)
        {
            throw new PolicyException(
                node.Span,
                $"'{PolicyNode.RootId}' is reserved for the root of the tree",
                isGroup ? "give the group another name" : "give the leaf its own `id:`");
        }

        if (seen.TryGetValue(node.Id, out var first))
        {
            throw new PolicyException(
                node.Span,
                $"duplicate node id '{node.Id}' (first at line {first.Line}); rules and reports need ids to be unique",
                isGroup ? "give one of the groups another name" : "give one of them its own `id:`");
        }

        seen[node.Id] = node.Span;
        return node;
    }

    private static double Weight(MappingReader map) => map.Double("weight", 1, w => w > 0, "greater than 0");

    internal static Weighting? ParseWeighting(MappingReader map) => map.Enum<Weighting>("weighting");

    private static HashSet<string> KeysOf(YamlMappingNode mapping) =>
        [.. mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")];
}
