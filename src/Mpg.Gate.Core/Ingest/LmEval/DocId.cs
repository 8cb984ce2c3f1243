using System.Globalization;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// A samples line's <c>doc_id</c>: a JSON number kept as a number (no string per line; <see cref="Text"/> is null),
/// or a JSON string. An item is known by its id's text, so the number 5 and the string "5" are one item.
/// </summary>
internal readonly record struct DocId(long Number, string? Text)
{
    public static DocId Of(long number) => new(number, null);

    public static DocId Of(string text) => new(0, text);

    /// <summary>The number whose text this id is (the string "5", the number 5), else null: "05", "-0" and "+5" are other items.</summary>
    public long? AsNumber() =>
        Text is null ? Number
        : long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == Text ? n
        : null;
}
