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
    private readonly CharBlocks blocks;
    private readonly string path;
    private readonly StringBuilder field = new();
    private int fieldsLastRecord = 8;

    // The offset in the file where the record being read began.
    private long recordStart;

    public CsvRecordReader(TextReader source, string file)
    {
        blocks = new CharBlocks(source);
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
            recordStart = blocks.Offset;
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
        if (blocks.Available)
        {
            return true;
        }

        // Once per block, so the scan's speed is untouched.
        if (blocks.Offset - recordStart > LineLimit.MaxLength)
        {
            throw new InputException(path, $"line {RecordLine} {LineLimit.TooLong}", RecordLine);
        }

        return blocks.Fill();
    }

    private int Peek() => Fill() ? blocks.Peek() : -1;

    private List<string> ReadRecord()
    {
        var fields = new List<string>(fieldsLastRecord);
        while (true)
        {
            int end;
            if (Peek() == '"')
            {
                blocks.Advance(1);
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

            var span = blocks.Rest;
            var i = span.IndexOfAny(',', '\n', '\r');
            if (i < 0)
            {
                field.Append(span);
                blocks.Advance(span.Length);
                continue;
            }

            var c = span[i];
            if (c == '\r')
            {
                field.Append(span[..i]);
                blocks.Advance(i + 1);
                // CRLF (or a CR at the very end) ends the line; a CR alone is text.
                if (Peek() is not ('\n' or -1))
                {
                    field.Append('\r');
                }

                continue;
            }

            value = field.Length == 0 ? new string(span[..i]) : field.Append(span[..i]).ToString();
            blocks.Advance(i + 1);
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

            var span = blocks.Rest;
            var i = span.IndexOfAny('"', '\n');
            if (i < 0)
            {
                field.Append(span);
                blocks.Advance(span.Length);
                continue;
            }

            field.Append(span[..i]);
            blocks.Advance(i + 1);
            if (span[i] == '\n')
            {
                Line++;
                field.Append('\n');
            }
            else if (Peek() == '"')
            {
                blocks.Advance(1);
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

            blocks.Advance(1);
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
