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
        ? utf8.Span.IndexOfAnyExcept(AsciiWhiteSpace) is var i && (i < 0 || (utf8.Span[i] >= 0x80 && string.IsNullOrWhiteSpace(Text)))
        : string.IsNullOrWhiteSpace(Text) && Number is null && Flag is null;

    public static TableCell OfText(string text) => new(text, null, null);

    public static TableCell OfUtf8(ReadOnlyMemory<byte> bytes) => new(bytes);

    /// <summary>A number, or null when the cell is empty; anything else (NaN included) is an error.</summary>
    public double? AsNumber(in CellAt at)
    {
        if (IsEmpty)
        {
            return null;
        }

        var value = Number ?? (Parse(out var parsed) ? parsed : throw at.Fail($"expected a number, got \"{Text}\""));
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
            if (Ascii.EqualsIgnoreCase(ascii, "true"u8) || Ascii.EqualsIgnoreCase(ascii, "false"u8))
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
    /// The cell's text as <see cref="AsText"/> gives it, for a cell that is not empty, with no string made for a CSV
    /// field: its bytes are decoded into <paramref name="scratch"/> (grown as needed), valid until the next call.
    /// </summary>
    public ReadOnlySpan<char> Chars(ref char[] scratch)
    {
        if (!isUtf8)
        {
            return AsText().AsSpan();
        }

        // A UTF-8 field has at most as many characters as bytes.
        if (scratch.Length < utf8.Length)
        {
            scratch = new char[utf8.Length * 2];
        }

        return scratch.AsSpan(0, Encoding.UTF8.GetChars(utf8.Span, scratch));
    }

    public string? AsText() => IsEmpty ? null : Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag == true ? "true" : "false");

    private bool Parse(out double value) => AsciiText(out var ascii)
        ? PlainDecimal.TryParse(ascii, out value) || double.TryParse(ascii, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        : double.TryParse(Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>True for a CSV field of ASCII bytes only, given trimmed; false for anything else, read as text.</summary>
    private bool AsciiText(out ReadOnlySpan<byte> trimmed)
    {
        var span = isUtf8 ? utf8.Span : default;
        if (!isUtf8 || !Ascii.IsValid(span))
        {
            trimmed = default;
            return false;
        }

        var first = span.IndexOfAnyExcept(AsciiWhiteSpace);
        trimmed = first < 0 ? default : span[first..(span.LastIndexOfAnyExcept(AsciiWhiteSpace) + 1)];
        return true;
    }

    private string Shown() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
