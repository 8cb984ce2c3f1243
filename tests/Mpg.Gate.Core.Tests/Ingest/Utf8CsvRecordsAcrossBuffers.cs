using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// Utf8CsvReader reads 64 KiB at a time and parses a record again when it runs past what was read: quotes, doubled
/// quotes, line breaks inside quotes, CRLF, lone CRs, a BOM and multi-byte characters must come out as the char-by-char
/// oracle below says wherever a read ends, and bytes that are not UTF-8 must fail as
/// the strict decoder fails.
/// </summary>
public sealed class Utf8CsvRecordsAcrossBuffers
{
    private const int ReadSize = 1 << 16;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SeededRecords_MatchTheCharByCharOracle(int seed)
    {
        var random = new Random(seed);
        var pieces = new[]
        {
            "a", "bc", "1.5", "", " x ", "\"q\"\"uote\"", "\"multi\nline\"", "\"comma, in\"", "\"crlf\r\ninside\"", "lone\rcr",
            "é€😀", "\"ü\"\"\n😀\"", new string('w', 70_000), new string('ü', 40_000),
        };
        var text = new StringBuilder();
        for (var row = 0; row < 3_000; row++)
        {
            text.AppendJoin(',', Enumerable.Range(0, 3).Select(_ => pieces[random.Next(pieces.Length)]));
            text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
        }

        AssertOracle(text.ToString());
    }

    [Fact]
    public void AQuoteACrLfAndMultiByteCharacters_SplitAtEveryPlaceAcrossTheEndOfARead()
    {
        // The pad moves the tail across the first read's end one byte at a time: the doubled quote, the closing quote, a
        // CR before its LF and each byte of a 2-, 3- and 4-byte character all fall on the boundary for some pad.
        const string Tail = ",\"x\"\"y\",é€😀z\r\n\"q\r\nr\"\r\n";
        for (var pad = 1; pad <= Encoding.UTF8.GetByteCount(Tail) + 2; pad++)
        {
            AssertOracle(new string('w', ReadSize - pad) + Tail + "last,1");
        }
    }

    [Fact]
    public void Bom_IsNotPartOfTheFirstField()
    {
        var csv = Reader([0xEF, 0xBB, 0xBF, .. "item,score\r\na,1\r\n"u8]);

        Assert.Equal(["item", "score"], Fields(csv));
        Assert.Equal(["a", "1"], Fields(csv));
        Assert.False(csv.Read());
    }

    [Fact]
    public void FieldsAreUnescapedBytes()
    {
        var csv = Reader("\"say \"\"hi\"\"\",\"é,\r\nü\",plain\n"u8.ToArray());

        Assert.True(csv.Read());
        Assert.Equal("say \"hi\""u8.ToArray(), csv[0].ToArray());
        Assert.Equal("é,\r\nü"u8.ToArray(), csv[1].ToArray());
        Assert.Equal("plain"u8.ToArray(), csv[2].ToArray());
        Assert.Equal(3, csv.Count);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)',', 0xC3, (byte)',', (byte)'b', (byte)'\n' })]
    [InlineData(new byte[] { (byte)'a', (byte)'\n', 0xFF, (byte)'\n' })]
    [InlineData(new byte[] { (byte)'a', (byte)',', 0xE2, 0x82 })]
    public void BytesThatAreNotUtf8_FailAsTheStrictDecoderFails(byte[] bytes)
    {
        var csv = Reader(bytes);

        Assert.Throws<DecoderFallbackException>(() => Drain(csv));
    }

    [Fact]
    public void BytesThatAreNotUtf8_FailPastTheFirstRead()
    {
        var csv = Reader([.. Encoding.UTF8.GetBytes(new string('a', ReadSize + 10)), 0xC3, 0x28, (byte)'\n']);

        Assert.Throws<DecoderFallbackException>(() => Drain(csv));
    }

    [Fact]
    public void AQuoteNeverClosed_IsAnInputErrorNamingItsLine()
    {
        var csv = Reader("a,b\n\"open,\nstill\n"u8.ToArray());

        var error = Assert.Throws<InputException>(() => Drain(csv));
        Assert.Contains("a quoted field opened on line 2 is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAfterAClosingQuote_IsAnInputErrorNamingItsLine()
    {
        var csv = Reader("a,b\n\"x\ny\"z,1\n"u8.ToArray());

        var error = Assert.Throws<InputException>(() => Drain(csv));
        Assert.Contains("line 3: text after a closing quote", error.Message, StringComparison.Ordinal);
    }

    private static void AssertOracle(string text)
    {
        var csv = Reader(Encoding.UTF8.GetBytes(text));
        foreach (var (fields, line) in Oracle(text))
        {
            Assert.Equal(fields, Fields(csv));
            Assert.Equal(line, csv.RecordLine);
        }

        Assert.False(csv.Read());
    }

    private static Utf8CsvReader Reader(byte[] bytes) => new(new MemoryStream(bytes), "test.csv");

    private static List<string> Fields(Utf8CsvReader csv)
    {
        Assert.True(csv.Read());
        return Enumerable.Range(0, csv.Count).Select(csv.Text).ToList();
    }

    private static int Drain(Utf8CsvReader csv)
    {
        var records = 0;
        while (csv.Read())
        {
            records++;
        }

        return records;
    }

    /// <summary>Records and the line each starts on, by the rules Utf8CsvReader documents, one char at a time.</summary>
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
