using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ranking;

namespace Mpg.Gate.Serialization;

/// <summary>Writes rankings as <c>mpg.ranking/1</c> JSON, and reads them back (the site renders them).</summary>
public static class RankingFile
{
    public static string ToJson(Ranking.Ranking ranking) => JsonSerializer.Serialize(ranking, MpgJsonContext.Default.Ranking) + "\n";

    /// <summary>A ranking written by <c>mpg rank --json</c> (or <c>--html</c>), read back for the site.</summary>
    /// <exception cref="InputException">Missing, unreadable, not JSON, or not a ranking.</exception>
    public static Ranking.Ranking Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "ranking not found (write one with 'mpg rank --json FILE' or 'mpg rank --html DIR')" : $"cannot read the ranking: {e.Message}");
        }

        Ranking.Ranking? ranking;
        try
        {
            ranking = JsonSerializer.Deserialize(text, MpgJsonContext.Default.Ranking);
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"not a valid ranking JSON ({JsonErrorText.Of(e)})", e.LineNumber + 1);
        }

        return ranking is { Schema: Ranking.Ranking.SchemaId, Models: not null }
            ? ranking with { Dropped = ranking.Dropped ?? [], Notes = ranking.Notes ?? [] }
            : throw new InputException(path, $"not a ranking: expected \"schema\": \"{Ranking.Ranking.SchemaId}\", got {(ranking?.Schema is { } s ? $"\"{s}\"" : "none")}");
    }
}
