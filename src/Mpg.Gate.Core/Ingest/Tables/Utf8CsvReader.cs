using System.Buffers;
using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// RFC 4180 records of a UTF-8 stream read as bytes, the one CSV tokenizer (tables, reference scores, the sniffed
/// header): comma-separated, fields optionally in double quotes, a quote inside quotes doubled, line breaks (CRLF or LF)
/// inside quotes kept, a CR dropped only before a line feed or the end, blank lines skipped. A record's fields are slices of one reused buffer, valid until the next
/// <see cref="Read"/>: a table of a million rows makes no string for a number, and none for a model or benchmark that
/// repeats (docs/PERFORMANCE.md, "Where the CSV reader's time goes"). The bytes are checked as UTF-8 as they are read
/// (the <see cref="DecoderFallbackException"/> of a strict decoder), and a record longer than
/// <see cref="LineLimit.MaxLength"/> bytes is an input error found when the buffer would have to grow past it.
/// </summary>
internal sealed class Utf8CsvReader
{
    private const int ReadSize = 1 << 16;

    private static readonly SearchValues<byte> UnquotedEnds = SearchValues.Create(",\n\r"u8);
    private static readonly SearchValues<byte> QuotedEnds = SearchValues.Create("\"\n"u8);
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly string path;
    private byte[] buffer = new byte[ReadSize];

    // The buffer holds bytes [0, length) of which [start, length) are not yet returned and [0, validated) are known UTF-8.
    private int start;
    private int length;
    private int validated;
    private bool ended;
    private bool first = true;

    // The last record's fields: field i is buffer[starts[i], ends[i]); a quoted field with a doubled quote is unescaped
    // in place once its record is whole (a record that runs past the buffer is parsed again after a refill).
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private bool[] doubled = new bool[16];
    private long line = 1;

    public Utf8CsvReader(Stream source, string file)
    {
        stream = source;
        path = file;
    }

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>How many fields the last record has.</summary>
    public int Count { get; private set; }

    /// <summary>A field of the last record, unescaped; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlyMemory<byte> this[int field] => buffer.AsMemory(starts[field], ends[field] - starts[field]);

    /// <summary>A field of the last record as a string.</summary>
    public string Text(int field) => Encoding.UTF8.GetString(buffer, starts[field], ends[field] - starts[field]);

    /// <summary>
    /// The column names of a sniffed first line, trimmed and lower-cased. Its bytes are decoded leniently first: the sniff
    /// looks at every file, and one that is not UTF-8 is the table reader's to refuse, naming the file.
    /// </summary>
    public static List<string> SplitHeader(ReadOnlySpan<byte> line)
    {
        var csv = new Utf8CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line))), "");
        return csv.Read() ? [.. Enumerable.Range(0, csv.Count).Select(i => csv.Text(i).Trim().ToLowerInvariant())] : [];
    }

    /// <summary>Reads the next record (blank lines skipped); false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            if (start == length && !Fill())
            {
                return false;
            }

            RecordLine = line;
            int end;
            while ((end = Parse()) < 0)
            {
                Fill();
            }

            start = end;
            Unescape();
            if (Count > 1 || ends[0] > starts[0])
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Reads more of the stream behind what is not yet returned, until the buffer is full or the stream ends, moving
    /// that rest to the buffer's start first and doubling the buffer when the rest fills it; false when nothing is left.
    /// </summary>
    private bool Fill()
    {
        if (ended)
        {
            return start < length;
        }

        if (length - start > LineLimit.MaxLength)
        {
            throw new InputException(path, $"line {RecordLine} {LineLimit.TooLong}", RecordLine);
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, length - start);
            length -= start;
            validated -= start;
            start = 0;
        }
        else if (length == buffer.Length)
        {
            // At most one read past the limit is ever held, so the check above can say so.
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, LineLimit.MaxLength + ReadSize));
        }

        var read = stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
        ended = length + read < buffer.Length;
        length += read;
        if (first)
        {
            first = false;
            if (buffer.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                start = validated = 3;
            }
        }

        Validate();
        return start < length;
    }

    /// <summary>
    /// Checks the bytes read so far as UTF-8, up to the last ASCII byte (no character is split there; the rest waits
    /// for the next read) or to the end of the file: an invalid byte throws the strict decoder's exception.
    /// </summary>
    private void Validate()
    {
        var upTo = ended ? length : validated + buffer.AsSpan(validated, length - validated).LastIndexOfAnyInRange((byte)0, (byte)0x7F) + 1;
        if (upTo > validated)
        {
            // Only its exception is wanted: the count itself is not used.
            _ = Strict.GetCharCount(buffer, validated, upTo - validated);
            validated = upTo;
        }
    }

    /// <summary>Splits the record at <see cref="start"/> into fields; returns where it ends, or -1 when it runs past the bytes read so far.</summary>
    private int Parse()
    {
        Count = 0;
        var at = start;
        var lines = line;
        while (true)
        {
            if (at < length && buffer[at] == '"')
            {
                var closing = ClosingQuote(at + 1, ref lines, out var hasDoubled);
                if (closing < 0)
                {
                    return -1;
                }

                Add(at + 1, closing, hasDoubled);
                at = closing + 1;
                if (at == length)
                {
                    return ended ? End(at, lines) : -1;
                }

                switch (buffer[at])
                {
                    case (byte)',':
                        at++;
                        continue;
                    case (byte)'\n':
                        return End(at + 1, lines + 1);
                    case (byte)'\r' when at + 1 == length && !ended:
                        return -1;
                    case (byte)'\r' when at + 1 == length:
                        return End(at + 1, lines);
                    case (byte)'\r' when buffer[at + 1] == '\n':
                        return End(at + 2, lines + 1);
                    default:
                        throw new InputException(path, $"line {lines}: text after a closing quote (a quote inside a field must be doubled)", lines);
                }
            }

            var fieldStart = at;
            while (true)
            {
                var i = buffer.AsSpan(at, length - at).IndexOfAny(UnquotedEnds);
                if (i < 0)
                {
                    if (!ended)
                    {
                        return -1;
                    }

                    Add(fieldStart, length, false);
                    return End(length, lines);
                }

                at += i;
                if (buffer[at] == '\r')
                {
                    // CRLF (or a CR at the very end) ends the line; a CR alone is text.
                    if (at + 1 == length && !ended)
                    {
                        return -1;
                    }

                    if (at + 1 == length || buffer[at + 1] == '\n')
                    {
                        Add(fieldStart, at, false);
                        return at + 1 == length ? End(at + 1, lines) : End(at + 2, lines + 1);
                    }

                    at++;
                    continue;
                }

                Add(fieldStart, at, false);
                if (buffer[at] == '\n')
                {
                    return End(at + 1, lines + 1);
                }

                at++;
                break;
            }
        }
    }

    /// <summary>Where the quoted field whose text starts at <paramref name="from"/> closes; -1 when that is past the bytes read so far.</summary>
    private int ClosingQuote(int from, ref long lines, out bool hasDoubled)
    {
        hasDoubled = false;
        var at = from;
        while (true)
        {
            var i = buffer.AsSpan(at, length - at).IndexOfAny(QuotedEnds);
            if (i < 0)
            {
                return ended
                    ? throw new InputException(path, $"a quoted field opened on line {RecordLine} is never closed (truncated file?)", RecordLine)
                    : -1;
            }

            at += i;
            if (buffer[at] == '\n')
            {
                lines++;
                at++;
                continue;
            }

            // A quote as the last byte read may be the first of a doubled one.
            if (at + 1 == length && !ended)
            {
                return -1;
            }

            if (at + 1 < length && buffer[at + 1] == '"')
            {
                hasDoubled = true;
                at += 2;
                continue;
            }

            return at;
        }
    }

    private int End(int at, long lines)
    {
        line = lines;
        return at;
    }

    private void Add(int from, int to, bool hasDoubled)
    {
        if (Count == starts.Length)
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref ends, Count * 2);
            Array.Resize(ref doubled, Count * 2);
        }

        starts[Count] = from;
        ends[Count] = to;
        doubled[Count] = hasDoubled;
        Count++;
    }

    /// <summary>Each doubled quote of the last record made one, in place (the field only gets shorter).</summary>
    private void Unescape()
    {
        for (var f = 0; f < Count; f++)
        {
            if (!doubled[f])
            {
                continue;
            }

            var to = starts[f];
            for (var from = starts[f]; from < ends[f]; from++)
            {
                buffer[to++] = buffer[from];
                if (buffer[from] == '"')
                {
                    from++;
                }
            }

            ends[f] = to;
        }
    }
}
