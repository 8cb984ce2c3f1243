using System.Diagnostics.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>
/// One YAML mapping of the policy, read with positioned errors: it rejects unknown keys up front
/// (with a did-you-mean from the keys valid here) and reads typed values, reporting a wrong type
/// or an out-of-range value at the value's own line and column.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);

    public MappingReader(YamlMappingNode node, string file, string path, IReadOnlyCollection<string> allowedKeys)
    {
        Node = node;
        File = file;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey || YamlValues.IsNull(keyNode))
            {
                throw new PolicyException(Spans.Of(file, keyNode), $"expected a key name in {Where}, got {YamlValues.Describe(keyNode)}");
            }

            if (!allowedKeys.Contains(key))
            {
                // With a close match the suggestion says it all; without one, list what is valid here.
                var suggestion = DidYouMean.Closest(key, allowedKeys);
                throw suggestion is null
                    ? new PolicyException(Spans.Of(file, keyNode), $"unknown key '{key}' in {Where}; expected one of: {string.Join(", ", allowedKeys)}")
                    : new PolicyException(Spans.Of(file, keyNode), $"unknown key '{key}' in {Where}", $"did you mean '{suggestion}'?");
            }

            if (!entries.TryAdd(key, (scalarKey, value)))
            {
                throw new PolicyException(Spans.Of(file, keyNode), $"key '{key}' appears twice in {Where}");
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string File { get; }

    /// <summary>Where this mapping sits, e.g. <c>gate.rules[1]</c>; empty for the top level.</summary>
    public string Path { get; }

    public SourceSpan Span => Spans.Of(File, Node);

    private string Where => Path.Length == 0 ? "the policy" : Path;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of <paramref name="key"/>, or null where it is absent or written as null.</summary>
    public YamlNode? Value(string key) =>
        entries.TryGetValue(key, out var entry) && !YamlValues.IsNull(entry.Value) ? entry.Value : null;

    public SourceSpan? KeySpan(string key) => entries.TryGetValue(key, out var entry) ? Spans.Of(File, entry.Key) : null;

    public string? String(string key) => Value(key) is { } node ? Scalar(key, node, "a string") : null;

    public int? Int(string key) => Value(key) is { } node ? ParseInt(key, node) : null;

    public int Int(string key, int fallback, Func<int, bool> valid, string rule) =>
        Int(key, valid, rule) ?? fallback;

    public int? Int(string key, Func<int, bool> valid, string rule)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        var value = ParseInt(key, node);
        return valid(value) ? value : throw OutOfRange(key, node, rule);
    }

    public double? Double(string key, Func<double, bool> valid, string rule)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        var text = Scalar(key, node, "a number");
        if (!ScalarParser.TryDouble(text, out var value))
        {
            throw WrongType(key, node, "a number");
        }

        return valid(value) ? value : throw OutOfRange(key, node, rule);
    }

    public double Double(string key, double fallback, Func<double, bool> valid, string rule) =>
        Double(key, valid, rule) ?? fallback;

    public bool? Bool(string key)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        return ScalarParser.TryBool(Scalar(key, node, "true or false"), out var value) ? value : throw WrongType(key, node, "true or false");
    }

    /// <summary>A member of <typeparamref name="T"/>, as <see cref="Spelling"/> spells it (matched ignoring case).</summary>
    public T? Enum<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string key)
        where T : struct, System.Enum =>
        Enum(key, Spelling.All<T>()) is { } text ? Spelling.Parse<T>(text) : null;

    /// <summary>One of <paramref name="allowed"/> (matched ignoring case, returned as spelled there).</summary>
    public string? Enum(string key, IReadOnlyList<string> allowed)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        var expected = "one of " + string.Join(" | ", allowed);
        var text = Scalar(key, node, expected);
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        var suggestion = DidYouMean.Closest(text, allowed);
        throw new PolicyException(
            Spans.Of(File, node),
            $"expected {expected} for '{PathOf(key)}', got {YamlValues.Describe(node)}",
            suggestion is null ? null : $"did you mean '{suggestion}'?");
    }

    public MappingReader? Mapping(string key, IReadOnlyCollection<string> allowedKeys)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        return node is YamlMappingNode mapping
            ? new MappingReader(mapping, File, PathOf(key), allowedKeys)
            : throw WrongType(key, node, "a mapping");
    }

    public YamlSequenceNode? Sequence(string key, string expected)
    {
        if (Value(key) is not { } node)
        {
            return null;
        }

        return node as YamlSequenceNode ?? throw WrongType(key, node, expected);
    }

    public PolicyException WrongType(string key, YamlNode node, string expected) =>
        new(Spans.Of(File, node), $"expected {expected} for '{PathOf(key)}', got {YamlValues.Describe(node)}");

    private PolicyException OutOfRange(string key, YamlNode node, string rule) =>
        new(Spans.Of(File, node), $"'{PathOf(key)}' must be {rule}, got {YamlValues.Describe(node)}");

    private string Scalar(string key, YamlNode node, string expected) =>
        node is YamlScalarNode { Value: { } text } ? text : throw WrongType(key, node, expected);

    private int ParseInt(string key, YamlNode node) =>
        ScalarParser.TryInt(Scalar(key, node, "an integer"), out var value) ? value : throw WrongType(key, node, "an integer");
}
