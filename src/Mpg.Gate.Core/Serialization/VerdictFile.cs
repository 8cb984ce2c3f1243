using System.Text.Json;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Serialization;

/// <summary>Writes verdicts as <c>mpg.verdict/1</c> JSON.</summary>
public static class VerdictFile
{
    public static string ToJson(Verdict verdict) => JsonSerializer.Serialize(verdict, MpgJsonContext.Default.Verdict) + "\n";
}
