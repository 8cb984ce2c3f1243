namespace Mpg.Gate.Ingest;

/// <summary>
/// The lines of a file as UTF-8 bytes, without decoding them to strings: JSONL readers hand each line straight to the
/// JSON parser. One buffer, grown only to the longest line; a leading BOM and trailing CR are dropped.
/// </summary>
internal sealed class ByteLines : IDisposable
{
    private readonly Stream stream;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private bool eof;
    private bool first = true;

    public ByteLines(Stream source) => stream = source;

    /// <summary>Why a line reader of bytes stops: a line with no end within <see cref="LineLimit.MaxLength"/>.</summary>
    public static string TooLong => $"a line longer than {LineLimit.MaxLength >> 20} MiB; no eval output has one";

    /// <summary>The next line (valid until the next call), or false at the end of the file.</summary>
    public bool TryRead(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(start, newline);
                start += newline + 1;
                return true;
            }

            if (eof)
            {
                if (start < end)
                {
                    line = Trim(start, end - start);
                    start = end;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    public void Dispose() => stream.Dispose();

    private ReadOnlyMemory<byte> Trim(int from, int length)
    {
        var line = buffer.AsMemory(from, length);
        if (first)
        {
            first = false;
            if (line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }
        }

        return line.Span.EndsWith("\r"u8) ? line[..^1] : line;
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            // A line with no end in sight (a 2 GiB line, a binary file of no newline) is a fault, not a reason to hold it all.
            if (buffer.Length >= LineLimit.MaxLength)
            {
                throw new IOException(TooLong);
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            eof = true;
        }

        end += read;
    }
}
