using System.Text;
using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>Reads a JSON file or one JSONL line into a document, turning every failure into an <see cref="InputException"/>.</summary>
internal static class JsonInput
{
    // A key twice (two values for one task or metric) is a corrupt file: which one counts would be a guess.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256, AllowDuplicateProperties = false };

    /// <summary>Loads a whole JSON file (results files are small; samples files are streamed instead).</summary>
    public static JsonDocument LoadFile(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(file, "file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(file, $"cannot read file: {ex.Message}");
        }

        var body = StripBom(bytes);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new InputException(file, "empty file (expected a JSON object)");
        }

        return Parse(file, body, lineOffset: 0);
    }

    /// <summary>Parses one line of a JSONL file; <paramref name="lineNumber"/> is 1-based and goes into any error.</summary>
    public static JsonDocument ParseLine(string file, string line, long lineNumber) =>
        Parse(file, Encoding.UTF8.GetBytes(line), lineNumber - 1);

    /// <summary>Parses one line of a JSONL file given as UTF-8 bytes (no string round trip).</summary>
    public static JsonDocument ParseLine(string file, ReadOnlyMemory<byte> line, long lineNumber) =>
        Parse(file, line, lineNumber - 1);

    /// <summary>
    /// Errors a parsed document can still raise when a value is read: invalid UTF-8 inside a string, a number that
    /// does not fit. They are input faults, so callers wrap them into <see cref="InputException"/>.
    /// </summary>
    public static bool IsValueError(Exception ex) =>
        ex is InvalidOperationException or FormatException or OverflowException or ArgumentException;

    private static JsonDocument Parse(string file, ReadOnlyMemory<byte> body, long lineOffset)
    {
        try
        {
            return JsonDocument.Parse(NonFiniteJson.Neutralise(body), Options);
        }
        catch (JsonException ex)
        {
            // JsonException.LineNumber is 0-based within what we parsed.
            var line = lineOffset + (ex.LineNumber ?? 0) + 1;
            throw new InputException(file, $"malformed JSON at line {line} (truncated or invalid): {JsonErrorText.Of(ex)}", line);
        }
    }

    private static ReadOnlyMemory<byte> StripBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsMemory(3) : bytes;
}
