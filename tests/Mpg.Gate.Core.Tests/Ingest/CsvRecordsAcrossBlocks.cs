using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// CsvRecordReader scans 64 Ki-char blocks: quotes, doubled quotes, line breaks inside quotes, CRLF, lone CRs and BOMs
/// must come out the same wherever a block boundary falls. The oracle is RFC 4180 written out char by char below.
/// </summary>
public sealed class CsvRecordsAcrossBlocks : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SeededRecords_MatchTheCharByCharOracle(int seed)
    {
        var random = new Random(seed);
        var pieces = new[] { "a", "bc", "1.5", "", " x ", "\"q\"\"uote\"", "\"multi\nline\"", "\"comma, in\"", "\"crlf\r\ninside\"", "lone\rcr", new string('w', 70_000) };
        var text = new StringBuilder();
        for (var row = 0; row < 3_000; row++)
        {
            text.AppendJoin(',', Enumerable.Range(0, 3).Select(_ => pieces[random.Next(pieces.Length)]));
            text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
        }

        var file = dir.Write("blocks.csv", text.ToString());
        using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(reader, file);
        var expected = Oracle(text.ToString());

        foreach (var (fields, line) in expected)
        {
            Assert.Equal(fields, csv.Read());
            Assert.Equal(line, csv.RecordLine);
        }

        Assert.Null(csv.Read());
    }

    [Fact]
    public void Bom_IsNotPartOfTheFirstField()
    {
        var file = Path.Combine(dir.Path, "bom.csv");
        File.WriteAllText(file, "item,score\r\na,1\r\n", new UTF8Encoding(true));
        using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);

        Assert.Equal(["item", "score"], new CsvRecordReader(reader, file).Read());
    }

    /// <summary>Records and the line each starts on, by the rules CsvRecordReader documents, one char at a time (Utf8CsvReader follows them too).</summary>
    internal static List<(List<string> Fields, long Line)> Oracle(string text)
    {
        var records = new List<(List<string>, long)>();
        long line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var fieldStart = true;
            while (true)
            {
                var c = i < text.Length ? text[i++] : -1;
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        line += c == '\n' ? 1 : 0;
                        field.Append((char)c);
                    }

                    continue;
                }

                if (c is -1 or '\n' || (c == '\r' && (i >= text.Length || text[i] == '\n')))
                {
                    if (c == '\r')
                    {
                        continue;
                    }

                    line += c == '\n' ? 1 : 0;
                    fields.Add(field.ToString());
                    break;
                }

                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    continue;
                }

                if (c == '"' && fieldStart)
                {
                    quoted = true;
                }
                else
                {
                    field.Append((char)c);
                }

                fieldStart = false;
            }

            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add((fields, start));
            }
        }

        return records;
    }
}
