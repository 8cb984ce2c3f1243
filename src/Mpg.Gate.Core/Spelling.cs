using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mpg.Gate;

/// <summary>
/// How a member of one of our closed sets is written in <c>mpg.yml</c>, the JSON documents and the reports: its
/// <see cref="JsonStringEnumMemberNameAttribute"/> where it has one (<c>lm-eval</c>, <c>latency_p50</c>), else its
/// name in camelCase, exactly as the JSON context writes it. One spelling, so the policy reader, the JSON and the
/// text outputs cannot drift apart; adding a member is adding it to the enum.
/// </summary>
public static class Spelling
{
    public static string Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(T value)
        where T : struct, Enum => Table<T>.Names[value];

    /// <summary>Every spelling, in declaration order (the order messages list them).</summary>
    public static IReadOnlyList<string> All<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
        where T : struct, Enum => Table<T>.Ordered;

    /// <summary>The member spelled <paramref name="text"/>, ignoring case.</summary>
    public static bool TryParse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var (name, member) in Table<T>.Members)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static T Parse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(string text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new ArgumentException($"'{text}' is not one of {string.Join(", ", All<T>())}", nameof(text));

    // Built once per enum type from its fields: immutable afterwards, so safe in MSBuild's long-lived nodes.
    private static class Table<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>
        where T : struct, Enum
    {
        // Enum.GetValues and GetField by name, not MetadataToken or FieldInfo.GetValue, which NativeAOT does not support.
        // Our enums number their members implicitly, so value order is declaration order.
        public static readonly (string Name, T Value)[] Members = Enum.GetValues<T>()
            .Select(v => (Name(v), v))
            .ToArray();

        private static string Name(T value)
        {
            var member = Enum.GetName(value)!;
            return typeof(T).GetField(member, BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? JsonNamingPolicy.CamelCase.ConvertName(member);
        }

        public static readonly IReadOnlyList<string> Ordered = Members.Select(m => m.Name).ToArray();

        public static readonly Dictionary<T, string> Names = Members.ToDictionary(m => m.Value, m => m.Name);
    }
}

/// <summary>
/// Writes and reads an enum in JSON as <see cref="Spelling"/> spells it; put on an enum with
/// <c>[JsonConverter(typeof(SpelledEnumConverter&lt;T&gt;))]</c>, so its JSON is its policy and report spelling.
/// </summary>
public sealed class SpelledEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Spelling.TryParse<T>(reader.GetString()!, out var value)
            ? value
            : throw new JsonException($"expected one of {string.Join(", ", Spelling.All<T>())}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Spelling.Of(value));
    }
}
