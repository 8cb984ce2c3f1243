using System.Globalization;

namespace Mpg.Gate.Ingest;

/// <summary>One value of a CSV field or a JSONL property, read the same way whichever it came from.</summary>
internal readonly record struct TableCell(string? Text, double? Number, bool? Flag)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Number is null && Flag is null;

    public static TableCell OfText(string text) => new(text, null, null);

    /// <summary>A number, or null when the cell is empty; anything else (NaN included) is an error.</summary>
    public double? AsNumber(Func<string, InputException> fail)
    {
        if (IsEmpty)
        {
            return null;
        }

        var value = Number ?? (double.TryParse(Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw fail($"expected a number, got \"{Text}\""));
        return double.IsFinite(value) ? value : throw fail($"expected a finite number, got {Text ?? value.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An item score: a number in [0,1], or true/false.</summary>
    public double? AsScore(Func<string, InputException> fail)
    {
        if (Flag is { } flag)
        {
            return flag ? 1 : 0;
        }

        // Spans, not Trim()/ToLowerInvariant() strings: this runs once per row of a table.
        var text = Text.AsSpan().Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var score = AsNumber(fail);
        return score is null or (>= 0 and <= 1) ? score : throw fail($"expected a score in [0,1] or true/false, got {Shown()}");
    }

    public string? AsText() => IsEmpty ? null : Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag == true ? "true" : "false");

    private string Shown() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
