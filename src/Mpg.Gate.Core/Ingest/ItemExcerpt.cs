using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// What one item said, as the tool recorded it, each field cut to a bound (<see cref="DefaultChars"/> characters unless
/// the policy's <c>report.excerpt_chars</c> says otherwise): the question or prompt, the expected answer, the model's
/// answer, and the grader's reason where there is one. A scorecard keeps these so a baseline scored weeks ago still
/// shows its side of an item that flipped. Plain text, never markup: reports escape it where they print it.
/// </summary>
public sealed record ItemExcerpt(string? Input, string? Target, string? Answer, string? Reason = null)
{
    /// <summary>Characters kept of each field by default.</summary>
    public const int DefaultChars = 500;

    /// <summary>
    /// Items of one benchmark that keep excerpts; later ones keep their scores only. Every public benchmark we know is
    /// smaller (MMLU 14,042, HellaSwag 10,042); the cap keeps a generated million-item table from holding gigabytes of text.
    /// </summary>
    public const int MaxItems = 20_000;

    public bool IsEmpty => Input is null && Target is null && Answer is null && Reason is null;

    /// <summary>An excerpt of the fields given, each cut to <paramref name="chars"/>; null when <paramref name="chars"/> is 0 or nothing was given.</summary>
    public static ItemExcerpt? Of(int chars, string? input, string? target, string? answer, string? reason = null)
    {
        if (chars <= 0)
        {
            return null;
        }

        var excerpt = new ItemExcerpt(Cut(input, chars), Cut(target, chars), Cut(answer, chars), Cut(reason, chars));
        return excerpt.IsEmpty ? null : excerpt;
    }

    /// <summary>The text trimmed and cut to at most <paramref name="chars"/> characters (an ellipsis marks the cut, a surrogate pair is never split).</summary>
    public static string? Cut(string? text, int chars)
    {
        if (text is null || chars <= 0)
        {
            return null;
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        if (trimmed.Length <= chars)
        {
            return trimmed.Length == text.Length ? text : trimmed.ToString();
        }

        var keep = Math.Max(chars - 1, 0);
        if (keep > 0 && char.IsHighSurrogate(trimmed[keep - 1]))
        {
            keep--;
        }

        return string.Concat(trimmed[..keep], "…");
    }

    /// <summary>
    /// A JSON value as text for an excerpt: a string as written, a number or boolean as its literal, a list of one value
    /// as that value, anything else as compact JSON. Null for JSON null or an absent value. Stops building long text early.
    /// </summary>
    public static string? Text(JsonElement value, int chars) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array when value.GetArrayLength() == 1 => Text(value[0], chars),
        JsonValueKind.Array or JsonValueKind.Object => Compact(value, chars),
        _ => null,
    };

    private static string Compact(JsonElement value, int chars)
    {
        // Written again without indentation (Inspect logs are indented), then cut: the excerpt bound applies later.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return text.Length > chars + 1 ? text[..(chars + 1)] : text;
    }

    /// <summary>A number as an excerpt writes it (invariant culture, shortest round trip).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
