using System.Globalization;
using System.Text;
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
        Stream bytes;
        try
        {
            bytes = ByteOrderMark.AsUtf8(path, System.IO.File.OpenRead(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read: {e.Message}");
        }

        using (bytes)
        {
            var csv = new Utf8CsvReader(bytes, path);
            var rows = new List<(long, string[])>();
            try
            {
                var header = csv.Read() ? Enumerable.Range(0, csv.Count).Select(i => csv.Text(i).Trim().ToLowerInvariant()).ToList()
                    : throw new InputException(path, $"is empty; expected a CSV with the columns {string.Join(", ", columns)}");
                var at = columns.Select(c => header.IndexOf(c)).ToArray();
                if (at.Any(i => i < 0))
                {
                    throw new InputException(path, $"expected the columns {string.Join(", ", columns)} in the header, got: {string.Join(", ", header)}", 1);
                }

                while (csv.Read())
                {
                    var values = at.Select(i => i < csv.Count ? csv.Text(i).Trim() : "").ToArray();
                    if (values[0].Length == 0)
                    {
                        throw new InputException(path, $"empty '{columns[0]}'", csv.RecordLine);
                    }

                    rows.Add((csv.RecordLine, values));
                }
            }
            catch (DecoderFallbackException e)
            {
                throw new InputException(path, $"not UTF-8 text (after line {csv.RecordLine}): {e.Message}");
            }

            return rows;
        }
    }
}
