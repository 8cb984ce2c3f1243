namespace Mpg.Gate.Ingest;

/// <summary>
/// The longest line any line reader holds: 256 MiB. No eval output has a line that long (a samples line with a long
/// document is a few MiB); a longer one is a fault (a binary file, a file with no line breaks, a 2 GiB line), and the
/// reader stops there instead of holding all of it. The byte readers count bytes; the text readers (CSV, JSONL tables)
/// count decoded characters, which for UTF-8 are never more than its bytes.
/// </summary>
internal static class LineLimit
{
    public const int MaxLength = 256 << 20;

    /// <summary>What the error says after "line N ", so every reader says it alike.</summary>
    public static string TooLong => $"is longer than {MaxLength >> 20} MiB; no eval output has a line that long";
}
