using System.Text.Json;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// The fast path for one samples line: a single forward pass of <see cref="Utf8JsonReader"/> that keeps doc_id, filter,
/// the "metrics" list and the top-level numbers and booleans, and skips the rest (doc, arguments, resps) without
/// building a document. Where the line is anything but the common shape (no "metrics" list, a metric whose value is a
/// list, a malformed line) it declines, and the caller parses the line in full, so results and errors are the same.
/// </summary>
internal sealed class SamplesLineScan
{
    // Names and filters are the same few strings on every line: made once per file, not once per line.
    private readonly Utf8Names names = new();
    private readonly List<string> metrics = [];
    private readonly List<(string Name, double? Score)> scalars = [];
    private readonly List<string> complex = [];

    public DocId Id { get; private set; }

    public string Filter { get; private set; } = "none";

    public IReadOnlyList<string> Metrics => metrics;

    /// <summary>Where the line's <c>doc</c>, <c>target</c> and <c>filtered_resps</c> values are (start, length in bytes), for an excerpt; length 0 where absent.</summary>
    public (int Start, int Length) Doc { get; private set; }

    /// <inheritdoc cref="Doc"/>
    public (int Start, int Length) Target { get; private set; }

    /// <inheritdoc cref="Doc"/>
    public (int Start, int Length) Answer { get; private set; }

    /// <summary>The metric's per-item score as the full path would give it: null when absent or not a score.</summary>
    public double? Score(string name)
    {
        foreach (var (key, score) in scalars)
        {
            if (key == name)
            {
                return score is >= 0 and <= 1 ? score : null;
            }
        }

        return null;
    }

    public bool TryScan(ReadOnlySpan<byte> line)
    {
        metrics.Clear();
        scalars.Clear();
        complex.Clear();
        Filter = "none";
        Doc = Target = Answer = default;
        var hasId = false;
        var hasMetrics = false;
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("doc_id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                    {
                        Id = DocId.Of(number);
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        Id = DocId.Of(reader.GetString()!);
                    }
                    else
                    {
                        return false;
                    }

                    hasId = true;
                    continue;
                }

                if (reader.ValueTextEquals("filter"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        Filter = names.Of(ref reader);
                    }
                    else if (!reader.TrySkip())
                    {
                        return false;
                    }

                    continue;
                }

                if (reader.ValueTextEquals("metrics"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            metrics.Add(names.Of(ref reader));
                        }
                        else if (!reader.TrySkip())
                        {
                            return false;
                        }
                    }

                    hasMetrics = true;
                    continue;
                }

                var name = reader.TokenType == JsonTokenType.PropertyName ? reader : default;
                var excerptField = name.ValueTextEquals("doc"u8) ? 1 : name.ValueTextEquals("target"u8) ? 2 : name.ValueTextEquals("filtered_resps"u8) ? 3 : 0;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        scalars.Add((names.Of(ref name), reader.GetDouble()));
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        scalars.Add((names.Of(ref name), reader.TokenType == JsonTokenType.True ? 1 : 0));
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            complex.Add(names.Of(ref name)); // [score] counts in the full path; let it decide if it matters
                        }

                        reader.Skip();
                        break;
                }

                var range = (start, (int)reader.BytesConsumed - start);
                switch (excerptField)
                {
                    case 1: Doc = range; break;
                    case 2: Target = range; break;
                    case 3: Answer = range; break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false; // trailing content: the full parser reports it
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }

        return hasId && hasMetrics && Unambiguous();
    }

    /// <summary>
    /// The full path keeps the first of duplicate names, and a metric given as a list needs its element checked: a line
    /// with either is left to it. Loops rather than sets, as a line has a handful of names and this runs on every line.
    /// </summary>
    private bool Unambiguous()
    {
        foreach (var metric in metrics)
        {
            if (complex.Contains(metric))
            {
                return false;
            }
        }

        for (var i = 0; i < scalars.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (scalars[i].Name == scalars[j].Name)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
