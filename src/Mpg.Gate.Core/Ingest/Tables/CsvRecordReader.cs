using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// RFC 4180 records from a text stream, one at a time: comma-separated, fields optionally in double quotes, a quote
/// inside quotes doubled, line breaks (CRLF or LF) inside quotes kept. Memory is one record, never the file, and a record
/// longer than <see cref="LineLimit.MaxLength"/> characters is an input error (a file with no line breaks, a quote never
/// closed in a 2 GiB file), found at the block that crosses it: at most one block past the limit is ever held.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader reader;
    private readonly string path;
    private readonly StringBuilder field = new();

    // Characters are scanned in blocks for the next delimiter (a vectorised IndexOfAny) and a field that lies in one
    // block becomes a string straight from it; reading char by char through TextReader.Read/Peek and a StringBuilder
    // per field held the per-item CSV at 24 MiB/s (docs/PERFORMANCE.md).
    private readonly char[] buffer = new char[1 << 16];
    private int position;
    private int length;
    private int fieldsLastRecord = 8;

    // Characters of the file before buffer[0], and the offset in the file where the record being read began.
    private long consumed;
    private long recordStart;

    public CsvRecordReader(TextReader source, string file)
    {
        reader = source;
        path = file;
    }

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    private long Line { get; set; } = 1;

    /// <summary>The next record's fields, or null at the end of the file. Blank lines are skipped.</summary>
    public List<string>? Read()
    {
        while (true)
        {
            recordStart = consumed + position;
            if (Peek() < 0)
            {
                return null;
            }

            RecordLine = Line;
            var record = ReadRecord();
            if (record.Count > 1 || record[0].Length > 0)
            {
                fieldsLastRecord = record.Count;
                return record;
            }
        }
    }

    /// <summary>A header line split on commas (quotes honoured), names trimmed and lower-cased.</summary>
    public static List<string> SplitHeader(string line)
    {
        var csv = new CsvRecordReader(new StringReader(line), "");
        return csv.Read()?.Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
    }

    private bool Fill()
    {
        if (position < length)
        {
            return true;
        }

        // Once per block, so the scan's speed is untouched.
        if (consumed + length - recordStart > LineLimit.MaxLength)
        {
            throw new InputException(path, $"line {RecordLine} {LineLimit.TooLong}", RecordLine);
        }

        consumed += length;
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }

    private int Peek() => Fill() ? buffer[position] : -1;

    private List<string> ReadRecord()
    {
        var fields = new List<string>(fieldsLastRecord);
        while (true)
        {
            int end;
            if (Peek() == '"')
            {
                position++;
                fields.Add(ReadQuoted());
                end = AfterQuote();
            }
            else
            {
                end = ReadUnquoted(out var value);
                fields.Add(value);
            }

            if (end != ',')
            {
                return fields;
            }
        }
    }

    /// <summary>A field up to a comma, a line feed or the end (a CR before either dropped); returns which of them ended it (-1: the end).</summary>
    private int ReadUnquoted(out string value)
    {
        field.Clear();
        while (true)
        {
            if (!Fill())
            {
                value = field.ToString();
                return -1;
            }

            var span = buffer.AsSpan(position, length - position);
            var i = span.IndexOfAny(',', '\n', '\r');
            if (i < 0)
            {
                field.Append(span);
                position = length;
                continue;
            }

            var c = span[i];
            if (c == '\r')
            {
                field.Append(span[..i]);
                position += i + 1;
                // CRLF (or a CR at the very end) ends the line; a CR alone is text.
                if (Peek() is not ('\n' or -1))
                {
                    field.Append('\r');
                }

                continue;
            }

            value = field.Length == 0 ? new string(span[..i]) : field.Append(span[..i]).ToString();
            position += i + 1;
            if (c == '\n')
            {
                Line++;
            }

            return c;
        }
    }

    /// <summary>A quoted field's text after its opening quote, through its closing quote; a doubled quote is one quote.</summary>
    private string ReadQuoted()
    {
        field.Clear();
        while (true)
        {
            if (!Fill())
            {
                throw new InputException(path, $"a quoted field opened on line {RecordLine} is never closed (truncated file?)", RecordLine);
            }

            var span = buffer.AsSpan(position, length - position);
            var i = span.IndexOfAny('"', '\n');
            if (i < 0)
            {
                field.Append(span);
                position = length;
                continue;
            }

            field.Append(span[..i]);
            position += i + 1;
            if (span[i] == '\n')
            {
                Line++;
                field.Append('\n');
            }
            else if (Peek() == '"')
            {
                position++;
                field.Append('"');
            }
            else
            {
                return field.ToString();
            }
        }
    }

    /// <summary>What follows a closing quote: a comma, the line's end, or the file's end (-1); anything else is an error.</summary>
    private int AfterQuote()
    {
        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                return -1;
            }

            position++;
            switch (c)
            {
                case ',':
                    return c;
                case '\n':
                    Line++;
                    return c;
                case '\r' when Peek() is '\n' or -1:
                    continue;
                default:
                    throw new InputException(path, $"line {Line}: text after a closing quote (a quote inside a field must be doubled)", Line);
            }
        }
    }
}
