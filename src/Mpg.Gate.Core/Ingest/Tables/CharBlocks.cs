namespace Mpg.Gate.Ingest;

/// <summary>
/// The characters of a text stream in 64 Ki-char blocks, for the line and record readers to scan in place: a vectorised
/// <c>IndexOfAny</c> over a block, and a field or line that lies in one block made a string straight from it. Reading char
/// by char through <see cref="TextReader.Read()"/> and <c>Peek</c> held the per-item CSV at 24 MiB/s (docs/PERFORMANCE.md).
/// </summary>
internal sealed class CharBlocks(TextReader reader)
{
    private readonly char[] buffer = new char[1 << 16];
    private int position;
    private int length;
    private long before;

    /// <summary>True while the current block has characters left.</summary>
    public bool Available => position < length;

    /// <summary>Characters read past, from the start of the stream.</summary>
    public long Offset => before + position;

    /// <summary>The current block's characters not yet read past.</summary>
    public ReadOnlySpan<char> Rest => buffer.AsSpan(position, length - position);

    /// <summary>Reads the next block where this one is used up; false at the end of the stream.</summary>
    public bool Fill()
    {
        if (position < length)
        {
            return true;
        }

        before += length;
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }

    /// <summary>The next character without reading past it, or -1 at the end.</summary>
    public int Peek() => Fill() ? buffer[position] : -1;

    public void Advance(int count) => position += count;
}
