using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// The lines of a text stream, as <see cref="TextReader.ReadLine"/> splits them (LF, CR LF or a lone CR), but never one
/// longer than <see cref="LineLimit.MaxLength"/> characters: a longer line is an input error naming its number, found at
/// the block that crosses the limit, so a file with no line breaks is not read into memory whole.
/// </summary>
internal sealed class TextLines
{
    private readonly CharBlocks blocks;
    private readonly string path;
    private readonly StringBuilder line = new();
    private bool afterCarriageReturn;

    public TextLines(TextReader source, string file)
    {
        blocks = new CharBlocks(source);
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
            if (!blocks.Fill())
            {
                if (line.Length == 0)
                {
                    return null;
                }

                Number++;
                return line.ToString();
            }

            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (blocks.Peek() == '\n')
                {
                    blocks.Advance(1);
                    continue;
                }
            }

            var span = blocks.Rest;
            var i = span.IndexOfAny('\n', '\r');
            if (i < 0)
            {
                if (line.Length + span.Length > LineLimit.MaxLength)
                {
                    throw new InputException(path, $"line {Number + 1} {LineLimit.TooLong}", Number + 1);
                }

                line.Append(span);
                blocks.Advance(span.Length);
                continue;
            }

            var text = line.Length == 0 ? new string(span[..i]) : line.Append(span[..i]).ToString();
            afterCarriageReturn = span[i] == '\r';
            blocks.Advance(i + 1);
            Number++;
            return text;
        }
    }
}
