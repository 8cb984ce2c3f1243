using System.Globalization;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Ranking;

/// <summary>
/// A reference ranking to validate against (Arena Elo, your own human ratings): a CSV with the columns <c>model</c>
/// and <c>score</c>; and the optional name map, a CSV with <c>model</c> (as the inputs name it) and <c>reference</c>.
/// </summary>
public sealed record ReferenceScores(string File, IReadOnlyDictionary<string, double> Scores)
{
    /// <exception cref="InputException">Missing, unreadable, without the columns, a score that is not a number, or a model listed twice.</exception>
    public static ReferenceScores Read(string path)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(path, ["model", "score"]))
        {
            var model = row[0];
            if (!double.TryParse(row[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                throw new InputException(path, $"score of \"{model}\" is not a number: \"{row[1]}\"", line);
            }

            if (!scores.TryAdd(model, score))
            {
                throw new InputException(path, $"model \"{model}\" is listed twice", line);
            }
        }

        return new ReferenceScores(path, scores);
    }

    /// <summary>Input model name → reference name.</summary>
    public static IReadOnlyDictionary<string, string> ReadMap(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, row) in Rows(path, ["model", "reference"]))
        {
            if (!map.TryAdd(row[0], row[1]))
            {
                throw new InputException(path, $"model \"{row[0]}\" is mapped twice", line);
            }
        }

        return map;
    }

    /// <summary>The named columns of every row with a non-empty first column, with the row's line.</summary>
    private static List<(long Line, string[] Values)> Rows(string path, string[] columns)
    {
        TextReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read: {e.Message}");
        }

        using (reader)
        {
            var csv = new CsvRecordReader(reader, path);
            var header = csv.Read()?.Select(h => h.Trim().ToLowerInvariant()).ToList()
                ?? throw new InputException(path, $"is empty; expected a CSV with the columns {string.Join(", ", columns)}");
            var at = columns.Select(c => header.IndexOf(c)).ToArray();
            if (at.Any(i => i < 0))
            {
                throw new InputException(path, $"expected the columns {string.Join(", ", columns)} in the header, got: {string.Join(", ", header)}", 1);
            }

            var rows = new List<(long, string[])>();
            while (csv.Read() is { } record)
            {
                var values = at.Select(i => i < record.Count ? record[i].Trim() : "").ToArray();
                if (values[0].Length == 0)
                {
                    throw new InputException(path, $"empty '{columns[0]}'", csv.RecordLine);
                }

                rows.Add((csv.RecordLine, values));
            }

            return rows;
        }
    }
}
