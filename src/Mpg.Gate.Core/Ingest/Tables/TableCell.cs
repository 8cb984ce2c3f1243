using System.Globalization;

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

/// <summary>One value of a CSV field or a JSONL property, read the same way whichever it came from.</summary>
internal readonly record struct TableCell(string? Text, double? Number, bool? Flag)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Number is null && Flag is null;

    public static TableCell OfText(string text) => new(text, null, null);

    /// <summary>A number, or null when the cell is empty; anything else (NaN included) is an error.</summary>
    public double? AsNumber(in CellAt at)
    {
        if (IsEmpty)
        {
            return null;
        }

        var value = Number ?? (double.TryParse(Text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw at.Fail($"expected a number, got \"{Text}\""));
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
        var text = Text.AsSpan().Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var score = AsNumber(at);
        return score is null or (>= 0 and <= 1) ? score : throw at.Fail($"expected a score in [0,1] or true/false, got {Shown()}");
    }

    public string? AsText() => IsEmpty ? null : Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? (Flag == true ? "true" : "false");

    private string Shown() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
