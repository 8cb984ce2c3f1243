using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>Small facts about YAML nodes that error messages and null handling need.</summary>
internal static class YamlValues
{
    /// <summary>
    /// A plain <c>~</c>, <c>null</c> or nothing at all. Such a value counts as "not given", so
    /// <c>baseline:</c> with nothing after it means the default, as YAML readers expect.
    /// </summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>What the user wrote, for "got ..." in messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? "")}'",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "an alias",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
