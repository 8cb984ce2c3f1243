using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// The strings of names a JSONL file repeats on every line (metric names, filters, score fields), made once per name
/// from the reader's UTF-8 bytes instead of once per line: the same bytes give the same string again without decoding
/// or allocating. A name is decoded (and so checked) by <see cref="Utf8JsonReader.GetString"/> the first time only,
/// which is what every later line with those bytes would have given.
/// </summary>
internal sealed class Utf8Names
{
    // A few names per file are the norm; past this many distinct ones the file is not of that kind, and each further
    // new name is decoded as it comes (a longer list would only make every miss slower).
    private const int MaxNames = 64;

    private readonly List<(byte[] Utf8, string Text)> known = [];

    /// <summary>The text of the reader's current property name or string value.</summary>
    public string Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!; // its bytes are not its text; rare enough to decode each time
        }

        var bytes = reader.ValueSpan;
        foreach (var (utf8, text) in known)
        {
            if (bytes.SequenceEqual(utf8))
            {
                return text;
            }
        }

        var made = reader.GetString()!;
        if (known.Count < MaxNames)
        {
            known.Add((bytes.ToArray(), made));
        }

        return made;
    }
}
