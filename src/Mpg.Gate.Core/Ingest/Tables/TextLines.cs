using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// The lines of a text stream, as <see cref="TextReader.ReadLine"/> splits them (LF, CR LF or a lone CR), but never one
/// longer than <see cref="LineLimit.MaxLength"/> characters: a longer line is an input error naming its number, found at
/// the block that crosses the limit, so a file with no line breaks is not read into memory whole.
/// </summary>
internal sealed class TextLines
{
    private readonly TextReader reader;
    private readonly string path;
    private readonly StringBuilder line = new();
    private readonly char[] buffer = new char[1 << 16];
    private int position;
    private int length;
    private bool afterCarriageReturn;

    public TextLines(TextReader source, string file)
    {
        reader = source;
        path = file;
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long Number { get; private set; }

    /// <summary>The next line without its line break, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        line.Clear();
        while (true)
        {
            if (position == length)
            {
                length = reader.Read(buffer, 0, buffer.Length);
                position = 0;
                if (length == 0)
                {
                    if (line.Length == 0)
                    {
                        return null;
                    }

                    Number++;
                    return line.ToString();
                }
            }

            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (buffer[position] == '\n')
                {
                    position++;
                    continue;
                }
            }

            var span = buffer.AsSpan(position, length - position);
            var i = span.IndexOfAny('\n', '\r');
            if (i < 0)
            {
                if (line.Length + span.Length > LineLimit.MaxLength)
                {
                    throw new InputException(path, $"line {Number + 1} {LineLimit.TooLong}", Number + 1);
                }

                line.Append(span);
                position = length;
                continue;
            }

            var text = line.Length == 0 ? new string(span[..i]) : line.Append(span[..i]).ToString();
            afterCarriageReturn = span[i] == '\r';
            position += i + 1;
            Number++;
            return text;
        }
    }
}
