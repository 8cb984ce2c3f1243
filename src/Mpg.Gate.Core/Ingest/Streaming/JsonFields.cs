using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// A field of a JSON object read leniently, as the log and export readers need it: the value when the owner is an
/// object and the field has the expected kind, else null (the reader decides whether a missing field is an error).
/// </summary>
internal static class JsonFields
{
    public static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A count: a non-negative integer that fits an int.</summary>
    public static int? Int(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n : null;
}
