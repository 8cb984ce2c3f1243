using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// A table file as UTF-8 bytes for <see cref="Utf8CsvReader"/>: a file whose byte order mark says UTF-16 or UTF-32 is
/// transcoded, as the <see cref="StreamReader"/> that read CSV tables before detected and decoded it (its mark comes
/// out as the UTF-8 one, which the reader skips); any other file is read as it is, and must be UTF-8.
/// </summary>
internal static class ByteOrderMark
{
    public static Stream AsUtf8(string path, Stream bytes)
    {
        Span<byte> head = stackalloc byte[4];
        int read;
        using (var peek = File.OpenRead(path))
        {
            read = peek.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return Detect(head[..read]) is { } encoding ? Encoding.CreateTranscodingStream(bytes, encoding, Encoding.UTF8) : bytes;
    }

    // The marks StreamReader's detectEncodingFromByteOrderMarks knows besides UTF-8's, in the order it tries them.
    private static Encoding? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) ? Encoding.UTF32
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]) ? new UTF32Encoding(bigEndian: true, byteOrderMark: true)
        : null;
}
