using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// RFC 4180 records from a text stream, one at a time: comma-separated, fields optionally in double quotes, a quote
/// inside quotes doubled, line breaks (CRLF or LF) inside quotes kept. Memory is one record, never the file.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader reader;
    private readonly string path;
    private readonly StringBuilder field = new();

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
            if (reader.Peek() < 0)
            {
                return null;
            }

            RecordLine = Line;
            var record = ReadRecord();
            if (record.Count > 1 || record[0].Length > 0)
            {
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

    private List<string> ReadRecord()
    {
        var fields = new List<string>();
        field.Clear();
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            var c = reader.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    throw new InputException(path, $"a quoted field opened on line {RecordLine} is never closed (truncated file?)", RecordLine);
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        Line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case < 0:
                case '\n':
                    if (c == '\n')
                    {
                        Line++;
                    }

                    fields.Add(Take());
                    return fields;
                case '\r' when reader.Peek() is '\n' or < 0:
                    break;
                case ',':
                    fields.Add(Take());
                    afterQuote = false;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                default:
                    if (afterQuote)
                    {
                        throw new InputException(path, $"line {Line}: text after a closing quote (a quote inside a field must be doubled)", Line);
                    }

                    field.Append((char)c);
                    break;
            }
        }
    }

    private string Take()
    {
        var value = field.ToString();
        field.Clear();
        return value;
    }
}
