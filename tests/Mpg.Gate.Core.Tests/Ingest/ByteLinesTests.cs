using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>JSONL lines as bytes: BOM, CRLF, a last line without newline, a line longer than the buffer.</summary>
public class ByteLinesTests
{
    private static List<string> Lines(byte[] bytes)
    {
        using var lines = new ByteLines(new MemoryStream(bytes));
        var list = new List<string>();
        while (lines.TryRead(out var line))
        {
            list.Add(Encoding.UTF8.GetString(line.Span));
        }

        return list;
    }

    [Fact]
    public void BomCrlfAndUnterminatedLastLine_AreRead()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a\r\n\r\nb\nc"u8];
        Assert.Equal(["a", "", "b", "c"], Lines(bytes));
    }

    [Fact]
    public void LineLongerThanTheBuffer_IsWhole()
    {
        var longLine = new string('x', 3 << 20);
        Assert.Equal([longLine, "y"], Lines(Encoding.UTF8.GetBytes(longLine + "\ny\n")));
    }

    [Fact]
    public void EmptyStream_HasNoLines() => Assert.Empty(Lines([]));
}
