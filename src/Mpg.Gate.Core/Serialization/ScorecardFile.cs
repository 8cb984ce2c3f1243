using System.Text.Json;
using Mpg.Gate.Ingest;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Serialization;

/// <summary>Reads and writes scorecards as <c>mpg.scorecard/1</c> JSON.</summary>
public static class ScorecardFile
{
    public static string ToJson(Scorecard scorecard) =>
        JsonSerializer.Serialize(scorecard, MpgJsonContext.Default.Scorecard) + "\n";

    /// <summary>
    /// The bytes of <see cref="ToJson"/>, written to <paramref name="stream"/> as they are made: the scorecard of a 1 GiB
    /// samples file is ~40 MB of JSON, which as a string is held in UTF-16 twice (the text, then the text and its
    /// newline) on top of the serializer's growing buffer, ~250 MB of peak memory for one file (docs/PERFORMANCE.md, ingest).
    /// </summary>
    public static void WriteJson(Scorecard scorecard, Stream stream)
    {
        JsonSerializer.Serialize(stream, scorecard, MpgJsonContext.Default.Scorecard);
        stream.Write("\n"u8);
    }

    /// <exception cref="InputException">Missing, unreadable, not JSON, not a scorecard, or a leaf without its posterior.</exception>
    public static Scorecard Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "baseline scorecard not found" : $"cannot read the scorecard: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>A scorecard from its JSON text; <paramref name="source"/> names where the text came from in messages.</summary>
    /// <exception cref="InputException">Not JSON, not a scorecard, or a leaf without its posterior.</exception>
    public static Scorecard Parse(string text, string source)
    {
        var path = source;
        Scorecard? card;
        try
        {
            card = JsonSerializer.Deserialize(text, MpgJsonContext.Default.Scorecard);
        }
        catch (JsonException e)
        {
            // Another schema (a newer mpg's) fails on its shape first; its name is the better message.
            throw SchemaOf(text) is { } other && other != Scorecard.SchemaId
                ? new InputException(path, $"not a scorecard this mpg reads: expected \"schema\": \"{Scorecard.SchemaId}\", got \"{other}\"")
                : new InputException(path, $"not a valid scorecard JSON ({JsonErrorText.Of(e)})", e.LineNumber + 1);
        }

        if (card is null || card.Schema != Scorecard.SchemaId)
        {
            throw new InputException(path, $"not a scorecard: expected \"schema\": \"{Scorecard.SchemaId}\", got {(card?.Schema is { } s ? $"\"{s}\"" : "none")}");
        }

        foreach (var node in card.Nodes ?? [])
        {
            if (node.IsLeaf && (node.Alpha is not > 0 || node.Beta is not > 0 || node.N is not >= 0))
            {
                throw new InputException(path, $"leaf '{node.Id}' has no valid posterior (expected alpha > 0, beta > 0 and n ≥ 0)");
            }

            if (node.Items?.Problem() is { } problem)
            {
                throw new InputException(path, $"leaf '{node.Id}': {problem}");
            }
        }

        return card.Nodes is null ? card with { Nodes = [] } : card;
    }

    private static string? SchemaOf(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.String ? schema.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
