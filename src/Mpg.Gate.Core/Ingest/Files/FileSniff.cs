using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// The start of a file, looked at once so that every reader can say whether the file is its format: the zip entries of
/// a zip, the top-level keys of a JSON object (as far as the first 64 KiB go), the keys of a JSONL file's first line,
/// or a CSV header.
/// </summary>
public sealed class FileSniff
{
    private const int HeadBytes = 64 * 1024;

    private FileSniff(string path, bool isZip, IReadOnlyList<string>? zipEntries, IReadOnlyList<string>? jsonKeys, IReadOnlyList<string>? firstLineKeys, IReadOnlyList<string>? csvHeader)
    {
        Path = path;
        IsZip = isZip;
        ZipEntries = zipEntries;
        JsonKeys = jsonKeys;
        FirstLineKeys = firstLineKeys;
        CsvHeader = csvHeader;
    }

    public string Path { get; }

    /// <summary>The file starts as a zip archive does (it may still be truncated).</summary>
    public bool IsZip { get; }

    /// <summary>Entry names, where the file is a readable zip archive.</summary>
    public IReadOnlyList<string>? ZipEntries { get; }

    /// <summary>Top-level property names, where the file starts with a JSON object.</summary>
    public IReadOnlyList<string>? JsonKeys { get; }

    /// <summary>Property names of the first line, where that line is a whole JSON object (JSONL).</summary>
    public IReadOnlyList<string>? FirstLineKeys { get; }

    /// <summary>The first line split as a CSV header, lower-cased and trimmed, where it has a comma.</summary>
    public IReadOnlyList<string>? CsvHeader { get; }

    public bool HasJsonKey(string key) => JsonKeys?.Contains(key, StringComparer.Ordinal) == true;

    public static FileSniff Of(string path)
    {
        byte[] head;
        try
        {
            using var stream = File.OpenRead(path);
            head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
            stream.ReadExactly(head);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(path, $"cannot read file: {ex.Message}");
        }

        if (head.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return new FileSniff(path, true, ZipNames(path), null, null, null);
        }

        var text = head.AsSpan();
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }

        var body = text.TrimStart(" \t\r\n"u8);
        if (body.IsEmpty)
        {
            return new FileSniff(path, false, null, null, null, null);
        }

        var newline = body.IndexOf((byte)'\n');
        var firstLine = newline < 0 ? body : body[..newline];
        var lineKeys = body[0] == (byte)'{' ? WholeObjectKeys(firstLine) : null;
        var jsonKeys = body[0] == (byte)'{' ? TopLevelKeys(body, head.Length < HeadBytes) : null;
        var header = body[0] is not ((byte)'{' or (byte)'[') && firstLine.IndexOf((byte)',') >= 0
            ? Utf8CsvReader.SplitHeader(firstLine)
            : null;
        return new FileSniff(path, false, null, jsonKeys, lineKeys, header);
    }

    private static List<string>? ZipNames(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Select(e => e.FullName).ToList();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keys of a line that is one complete JSON object on its own (a JSONL record); null otherwise.</summary>
    private static List<string>? WholeObjectKeys(ReadOnlySpan<byte> line)
    {
        var keys = new List<string>();
        var reader = new Utf8JsonReader(line, isFinalBlock: true, default);
        try
        {
            return ReadKeys(ref reader, keys) && reader.BytesConsumed >= line.TrimEnd(" \t\r"u8).Length ? keys : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // invalid UTF-8 in a name is the second
        {
            return null;
        }
    }

    private static List<string>? TopLevelKeys(ReadOnlySpan<byte> head, bool final)
    {
        var keys = new List<string>();
        var reader = new Utf8JsonReader(head, isFinalBlock: final, default);
        try
        {
            ReadKeys(ref reader, keys);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // invalid UTF-8 in a name is the second
        {
            // Malformed past some point: the keys read so far still tell the format; the reader reports the fault.
        }

        return keys.Count > 0 ? keys : null;
    }

    /// <summary>Adds the top-level property names of the object at the reader, as far as the data goes; true if it closed.</summary>
    private static bool ReadKeys(ref Utf8JsonReader reader, List<string> keys)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return reader.TokenType == JsonTokenType.EndObject;
            }

            keys.Add(reader.GetString()!);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return false; // the head ends inside this value
            }
        }

        return false;
    }
}
