using System.Text.Json.Serialization;
using Mpg.Gate.Comparison;
using Mpg.Gate.Planning;
using Mpg.Gate.Ranking;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Serialization;

/// <summary>
/// Source-generated JSON for our documents: property order is declaration order and numbers are written
/// round-trip, so the same inputs give the same bytes; no reflection at start-up.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Scorecard))]
[JsonSerializable(typeof(Verdict))]
[JsonSerializable(typeof(Plan))]
[JsonSerializable(typeof(Mpg.Gate.Ranking.Ranking))]
internal sealed partial class MpgJsonContext : JsonSerializerContext;
