using System.Text.Json;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Comparison;

public static class VerdictFile
{
    public static string ToJson(Verdict verdict) => JsonSerializer.Serialize(verdict, MpgJsonContext.Default.Verdict) + "\n";
}
