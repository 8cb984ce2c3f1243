using System.Text.Json;
using Mpg.Gate.Ranking;

namespace Mpg.Gate.Serialization;

/// <summary>Writes rankings as <c>mpg.ranking/1</c> JSON.</summary>
public static class RankingFile
{
    public static string ToJson(Ranking.Ranking ranking) => JsonSerializer.Serialize(ranking, MpgJsonContext.Default.Ranking) + "\n";
}
