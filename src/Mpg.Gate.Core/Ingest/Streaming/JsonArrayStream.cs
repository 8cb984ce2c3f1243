using System.Buffers;
using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Reads a JSON file whose bulk is one array (Inspect's <c>samples</c>, promptfoo's <c>results.results</c>) without
/// loading it: pass 1 (<see cref="ReadWithout"/>) gives the rest of the object with that array emptied, pass 2
/// (<see cref="Elements"/>) yields the array's elements one document at a time. Memory is the largest single value,
/// never the file. Bare NaN / Infinity are read as null; every failure is an <see cref="InputException"/>.
/// </summary>
internal static class JsonArrayStream
{
    internal const int DefaultBufferSize = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>The top-level value with the array at <paramref name="arrayPath"/> replaced by <c>[]</c>.</summary>
    public static JsonDocument ReadWithout(string file, string[] arrayPath, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(arrayPath);
        using var reader = new ChunkedJsonReader(file, bufferSize);
        var output = new ArrayBufferWriter<byte>();
        if (reader.Peek() != JsonTokenType.StartObject)
        {
            output.Write(reader.ReadValue());
        }
        else
        {
            using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
            reader.ReadToken(out _);
            writer.WriteStartObject();
            CopyObject(reader, writer, arrayPath, 0);
            writer.Flush();
        }

        reader.ReadEnd();
        return reader.Parse(output.WrittenMemory);
    }

    /// <summary>
    /// Each element of the array at <paramref name="arrayPath"/>, lazily; nothing when the path is absent or not an array.
    /// A yielded document is disposed when the enumeration moves on.
    /// </summary>
    public static IEnumerable<JsonDocument> Elements(string file, string[] arrayPath, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(arrayPath);
        using var reader = new ChunkedJsonReader(file, bufferSize);
        if (arrayPath.Length == 0 || !Find(reader, arrayPath))
        {
            yield break;
        }

        reader.ReadToken(out _); // [
        while (reader.Peek() != JsonTokenType.EndArray)
        {
            using var element = reader.ReadDocument();
            yield return element;
        }
    }

    /// <summary>Copies an object's members (its start already read), emptying the array at the path.</summary>
    private static void CopyObject(ChunkedJsonReader reader, Utf8JsonWriter writer, string[] arrayPath, int depth)
    {
        while (true)
        {
            var type = reader.ReadToken(out var name);
            if (type == JsonTokenType.EndObject)
            {
                writer.WriteEndObject();
                return;
            }

            writer.WritePropertyName(name!);
            var onPath = depth < arrayPath.Length && name == arrayPath[depth];
            var next = reader.Peek();
            if (onPath && depth == arrayPath.Length - 1 && next == JsonTokenType.StartArray)
            {
                reader.ReadToken(out _);
                while (reader.Peek() != JsonTokenType.EndArray)
                {
                    reader.ReadValue();
                }

                reader.ReadToken(out _);
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
            else if (onPath && depth < arrayPath.Length - 1 && next == JsonTokenType.StartObject)
            {
                reader.ReadToken(out _);
                writer.WriteStartObject();
                CopyObject(reader, writer, arrayPath, depth + 1);
            }
            else
            {
                writer.WriteRawValue(reader.ReadValue(), skipInputValidation: true);
            }
        }
    }

    /// <summary>Moves the reader to just before the array at the path; false when there is none.</summary>
    private static bool Find(ChunkedJsonReader reader, string[] arrayPath)
    {
        if (reader.Peek() != JsonTokenType.StartObject)
        {
            return false;
        }

        reader.ReadToken(out _);
        var depth = 0;
        while (true)
        {
            var type = reader.ReadToken(out var name);
            if (type == JsonTokenType.EndObject)
            {
                return false; // the object holding the path ended without it
            }

            var next = reader.Peek();
            if (name == arrayPath[depth])
            {
                if (depth == arrayPath.Length - 1 && next == JsonTokenType.StartArray)
                {
                    return true;
                }

                if (depth < arrayPath.Length - 1 && next == JsonTokenType.StartObject)
                {
                    reader.ReadToken(out _);
                    depth++;
                    continue;
                }
            }

            reader.ReadValue();
        }
    }

    /// <summary>
    /// A <see cref="Utf8JsonReader"/> over a file read in chunks: a buffer that refills from the stream and grows when
    /// one value does not fit. Position and <see cref="JsonReaderState"/> are committed only after a complete token or
    /// value; an incomplete one is retried after a refill.
    /// </summary>
    private sealed class ChunkedJsonReader : IDisposable
    {
        private readonly string file;
        private readonly Stream stream;
        private byte[] buffer;
        private int start;
        private int end;
        private bool eof;
        private bool started;
        private bool bomChecked;
        private long newlines;
        private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = 256 });

        public ChunkedJsonReader(string path, int bufferSize)
        {
            file = path;
            buffer = new byte[Math.Max(bufferSize, 4)];
            try
            {
                stream = new NonFiniteJsonStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new InputException(file, "file not found");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                throw new InputException(file, $"cannot read file: {ex.Message}");
            }
        }

        public void Dispose() => stream.Dispose();

        /// <summary>The type of the next token, without moving past it.</summary>
        public JsonTokenType Peek()
        {
            while (true)
            {
                var reader = Reader();
                if (TryRead(ref reader))
                {
                    return reader.TokenType;
                }

                More();
            }
        }

        /// <summary>Reads one token (for a property name, also its name) and moves past it.</summary>
        public JsonTokenType ReadToken(out string? name)
        {
            while (true)
            {
                var reader = Reader();
                if (TryRead(ref reader))
                {
                    name = reader.TokenType == JsonTokenType.PropertyName ? Name(ref reader) : null;
                    Commit(ref reader);
                    return reader.TokenType;
                }

                More();
            }
        }

        /// <summary>Reads one whole value and moves past it; the bytes stay valid until the next call.</summary>
        public ReadOnlySpan<byte> ReadValue()
        {
            while (true)
            {
                var reader = Reader();
                if (TryRead(ref reader))
                {
                    var from = start + (int)reader.TokenStartIndex;
                    if (!TrySkip(ref reader))
                    {
                        More();
                        continue;
                    }

                    var to = start + (int)reader.BytesConsumed;
                    Commit(ref reader);
                    return buffer.AsSpan(from, to - from);
                }

                More();
            }
        }

        /// <summary>Reads one whole value into its own document (one parse, all or nothing) and moves past it.</summary>
        public JsonDocument ReadDocument()
        {
            while (true)
            {
                var reader = Reader();
                if (TryRead(ref reader))
                {
                    JsonDocument? document;
                    try
                    {
                        _ = JsonDocument.TryParseValue(ref reader, out document);
                    }
                    catch (JsonException ex)
                    {
                        throw Failure(ex);
                    }

                    if (document is not null)
                    {
                        Commit(ref reader);
                        return document;
                    }
                }

                More();
            }
        }

        /// <summary>Checks that nothing but whitespace follows the top-level value.</summary>
        public void ReadEnd()
        {
            while (true)
            {
                var reader = Reader();
                if (TryRead(ref reader))
                {
                    throw Malformed(newlines + 1, "unexpected content after the top-level value");
                }

                if (eof)
                {
                    return;
                }

                More();
            }
        }

        public JsonDocument Parse(ReadOnlyMemory<byte> json)
        {
            try
            {
                return JsonDocument.Parse(json, DocumentOptions);
            }
            catch (JsonException ex)
            {
                throw Malformed(newlines + 1, JsonErrorText.Of(ex));
            }
        }

        private Utf8JsonReader Reader() => new(buffer.AsSpan(start, end - start), eof, state);

        private bool TryRead(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.Read();
            }
            catch (JsonException ex)
            {
                throw Failure(ex);
            }
        }

        private bool TrySkip(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.TrySkip();
            }
            catch (JsonException ex)
            {
                throw Failure(ex);
            }
        }

        private void Commit(ref Utf8JsonReader reader)
        {
            var consumed = (int)reader.BytesConsumed;
            newlines += buffer.AsSpan(start, consumed).Count((byte)'\n');
            start += consumed;
            state = reader.CurrentState;
            started = true;
        }

        /// <summary>Refills the buffer after an incomplete token or value: keeps the uncommitted bytes, grows when they fill half of it.</summary>
        private void More()
        {
            if (eof)
            {
                throw Malformed(newlines + 1 + buffer.AsSpan(start, end - start).Count((byte)'\n'), "unexpected end of data");
            }

            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            if (end * 2 > buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            try
            {
                while (end < buffer.Length)
                {
                    var n = stream.Read(buffer, end, buffer.Length - end);
                    if (n == 0)
                    {
                        eof = true;
                        break;
                    }

                    end += n;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new InputException(file, $"cannot read file: {ex.Message}");
            }

            if (!started)
            {
                if (!bomChecked && end >= 3 && buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    start = 3;
                }

                bomChecked = true;

                if (eof && buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8).IsEmpty)
                {
                    throw new InputException(file, "empty file (expected a JSON object)");
                }
            }
        }

        private string Name(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                throw Malformed(newlines + 1, $"unreadable property name: {ex.Message}");
            }
        }

        private InputException Failure(JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            return Malformed(line, JsonErrorText.Of(ex));
        }

        private InputException Malformed(long line, string text) =>
            new(file, $"malformed JSON at line {line} (truncated or invalid): {text}", line);
    }
}
