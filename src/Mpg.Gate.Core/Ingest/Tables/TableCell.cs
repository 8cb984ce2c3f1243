using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>The columns a table reader knows; a row holds one <see cref="TableCell"/> per column, by its number.</summary>
internal enum Column
{
    Model,
    Benchmark,
    Item,
    Score,
    LatencyMs,
    Cost,
    Tokens,
    Cluster,
    Input,
    Target,
    Output,
    Reason,
    N,
    Successes,
    Accuracy,
}

internal static class Columns
{
    public const int Count = (int)Column.Accuracy + 1;

    /// <summary>Each column's name in a header or a JSONL object (lower case); the cluster column's is the policy's <c>cluster_by</c> where given.</summary>
    public static string[] Names(ReadOptions options) =>
    [
        "model", "benchmark", "item", "score", "latency_ms", "cost", "tokens", options.ClusterBy?.ToLowerInvariant() ?? "cluster",
        "input", "target", "output", "reason", "n", "successes", "accuracy",
    ];
}

/// <summary>Where a cell is, so that what is wrong with it is said there: the file, the line and the column's name.</summary>
internal readonly record struct CellAt(string File, long Line, string Column)
{
    public InputException Fail(string message) => new(File, $"line {Line}, column '{Column}': {message}", Line);
}

/// <summary>
/// One value of a CSV field or a JSONL property, read the same way whichever it came from. A CSV field is kept as its
/// UTF-8 bytes (a slice of the reader's buffer, valid for one row): an ASCII number or true/false is read from them with
/// no string, and <see cref="Text"/> is made only where a value is kept or a message shows it. A field with any other
/// byte is read through its text, so the rules (Unicode white space trimmed) stay those of a string.
/// </summary>
internal readonly struct TableCell
{
    // The bytes char.IsWhiteSpace calls white space among ASCII: trimming them is trimming the field's text.
    private static readonly SearchValues<byte> AsciiWhiteSpace = SearchValues.Create(" \t\n\v\f\r"u8);

    private readonly string? text;
    private readonly ReadOnlyMemory<byte> utf8;
    private readonly bool isUtf8;

    public TableCell(string? text, double? number, bool? flag)
    {
        this.text = text;
        Number = number;
        Flag = flag;
    }

    private TableCell(ReadOnlyMemory<byte> utf8)
    {
        this.utf8 = utf8;
        isUtf8 = true;
    }

    public string? Text => isUtf8 ? Encoding.UTF8.GetString(utf8.Span) : text;

    public double? Number { get; }

    public bool? Flag { get; }

    public bool IsEmpty => isUtf8
        ? (AsciiText(out var ascii) ? ascii.IsEmpty : string.IsNullOrWhiteSpace(Text))
        : string.IsNullOrWhiteSpace(Text) && Number is null && Flag is null;

    public static TableCell OfText(string text) => new(text, null, null);

    public static TableCell OfUtf8(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>A number, or null when the cell is empty; anything else (NaN included) is an error.</summary>
    public double? AsNumber(in CellAt at)
    {
        double value;
        if (AsciiText(out var ascii))
        {
            // One pass over a CSV field's bytes says both "empty" and where its number is: this runs for several cells
            // of every row of a table.
            if (ascii.IsEmpty)
            {
                return null;
            }

            value = PlainDecimal.TryParse(ascii, out value) || double.TryParse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                ? value : throw at.Fail($"expected a number, got \"{Text}\"");
        }
        else if (IsEmpty)
        {
            return null;
        }
        else
        {
            value = Number ?? (double.TryParse(Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw at.Fail($"expected a number, got \"{Text}\""));
        }

        return double.IsFinite(value) ? value : throw at.Fail($"expected a finite number, got {Text ?? value.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An item score: a number in [0,1], or true/false.</summary>
    public double? AsScore(in CellAt at)
    {
        if (Flag is { } flag)
        {
            return flag ? 1 : 0;
        }

        // Spans, not Trim()/ToLowerInvariant() strings: this runs once per row of a table.
        if (AsciiText(out var ascii))
        {
            // A score is mostly a digit: the words are compared only when the field could be one.
            if (ascii.Length is 4 or 5 && (ascii[0] | 0x20) is (byte)'t' or (byte)'f'
                && (Ascii.EqualsIgnoreCase(ascii, "true"u8) || Ascii.EqualsIgnoreCase(ascii, "false"u8)))
            {
                return Ascii.EqualsIgnoreCase(ascii, "true"u8) ? 1 : 0;
            }
        }
        else
        {
            var text = Text.AsSpan().Trim();
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }

        var score = AsNumber(at);
        return score is null or (>= 0 and <= 1) ? score : throw at.Fail($"expected a score in [0,1] or true/false, got {Shown()}");
    }

    /// <summary>
    /// The cell's text as UTF-8, for a cell that is not empty, with no string made for a CSV field (its bytes as they
    /// are); any other cell's <see cref="AsText"/> is encoded into <paramref name="scratch"/> (grown as needed). Valid
    /// until the next call or the next row.
    /// </summary>
    public ReadOnlySpan<byte> Utf8(ref byte[] scratch)
    {
        if (isUtf8)
        {
            return utf8.Span;
        }

        var text = AsText().AsSpan();
        if (scratch.Length < Encoding.UTF8.GetMaxByteCount(text.Length))
        {
            scratch = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        }

        return scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, scratch));
    }

    public string? AsText() => IsEmpty ? null : Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag == true ? "true" : "false");

    /// <summary>True for a CSV field of ASCII bytes only, given trimmed; false for anything else, read as text.</summary>
    private bool AsciiText(out ReadOnlySpan<byte> trimmed)
    {
        trimmed = default;
        if (!isUtf8)
        {
            return false;
        }

        var span = utf8.Span;
        if (span.Length > 32)
        {
            if (!Ascii.IsValid(span))
            {
                return false;
            }

            var first = span.IndexOfAnyExcept(AsciiWhiteSpace);
            trimmed = first < 0 ? default : span[first..(span.LastIndexOfAnyExcept(AsciiWhiteSpace) + 1)];
            return true;
        }

        // A number, a flag or an id is a few bytes: one loop checks and trims them where the vectorised searches would
        // spend more setting up than searching.
        int start = -1, end = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b >= 0x80)
            {
                return false;
            }

            if (b is not ((byte)' ' or (>= (byte)'\t' and <= (byte)'\r')))
            {
                start = start < 0 ? i : start;
                end = i + 1;
            }
        }

        trimmed = start < 0 ? default : span[start..end];
        return true;
    }

    private string Shown() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
