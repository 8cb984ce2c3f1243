using System.Text;
using System.Text.Json;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>The two-pass streaming reader agrees with a full parse, on the real files and with a tiny buffer.</summary>
public sealed class JsonArrayStreamTests : IDisposable
{
    private static readonly string[] Samples = ["samples"];
    private static readonly string[] Results = ["results", "results"];

    private readonly TempDir dir = new();

    public static TheoryData<string, string[], int> RealFiles
    {
        get
        {
            var data = new TheoryData<string, string[], int>();
            foreach (var size in new[] { 16, JsonArrayStream.DefaultBufferSize })
            {
                data.Add(FormatData.Inspect("2025-05-12T20-28-13-04-00_popularity.json"), Samples, size);
                data.Add(FormatData.Inspect("2025-05-12T20-28-26-04-00_security-guide.json"), Samples, size);
                foreach (var file in FormatData.Promptfoo())
                {
                    data.Add(file, Results, size);
                }
            }

            return data;
        }
    }

    public void Dispose() => dir.Dispose();

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Elements_EqualThoseOfAFullParse(string file, string[] path, int bufferSize)
    {
        using var full = JsonDocument.Parse(File.ReadAllBytes(file));
        var expected = At(full.RootElement, path).EnumerateArray().ToList();
        Assert.NotEmpty(expected);

        var count = 0;
        foreach (var element in JsonArrayStream.Elements(file, path, bufferSize))
        {
            Assert.True(JsonElement.DeepEquals(expected[count], element.RootElement), $"element {count} differs");
            count++;
        }

        Assert.Equal(expected.Count, count);
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void PassOne_IsTheFileWithTheArrayEmptied(string file, string[] path, int bufferSize)
    {
        using var full = JsonDocument.Parse(File.ReadAllBytes(file));
        using var without = JsonArrayStream.ReadWithout(file, path, bufferSize);

        Assert.Equal(0, At(without.RootElement, path).GetArrayLength());
        Assert.True(JsonElement.DeepEquals(Emptied(full.RootElement, path, 0), without.RootElement));
    }

    [Fact]
    public void AValueLargerThanTheBuffer_GrowsIt()
    {
        var big = new string('x', 5000);
        var file = dir.Write("big.json", $$$"""{"head": "{{{big}}}", "samples": [{"id": 1, "text": "{{{big}}}"}, 2, [3, {"a": "{{{big}}}"}]], "tail": {"k": "{{{big}}}"}}""");

        var elements = JsonArrayStream.Elements(file, Samples, 16).Select(d => d.RootElement.GetRawText()).ToList();
        using var without = JsonArrayStream.ReadWithout(file, Samples, 16);

        Assert.Equal(3, elements.Count);
        Assert.Contains(big, elements[0], StringComparison.Ordinal);
        Assert.Equal("2", elements[1]);
        Assert.Equal(big, without.RootElement.GetProperty("tail").GetProperty("k").GetString());
        Assert.Equal(big, without.RootElement.GetProperty("head").GetString());
    }

    [Fact]
    public void NaNSplitAcrossAChunkBoundary_ReadsAsNull()
    {
        for (var pad = 0; pad < 24; pad++)
        {
            var json = $$"""{"{{new string('p', pad)}}": 1, "samples": [NaN, {"s": "NaN \" Infinity", "v": -Infinity}, Infinity, -1, [NaN]], "x": NaN}""";
            var file = dir.Write($"nan{pad}.json", json);
            var expected = Encoding.UTF8.GetString(NonFiniteJson.Neutralise(Encoding.UTF8.GetBytes(json)).Span);
            using var reference = JsonDocument.Parse(expected);

            var elements = JsonArrayStream.Elements(file, Samples, 16).Select(d => d.RootElement.Clone()).ToList();
            using var without = JsonArrayStream.ReadWithout(file, Samples, 16);

            var want = reference.RootElement.GetProperty("samples").EnumerateArray().ToList();
            Assert.Equal(want.Count, elements.Count);
            Assert.All(want.Zip(elements), p => Assert.True(JsonElement.DeepEquals(p.First, p.Second), $"pad {pad}: {p.Second}"));
            Assert.Equal(JsonValueKind.Null, without.RootElement.GetProperty("x").ValueKind);
        }
    }

    [Fact]
    public void TheNonFiniteStream_RewritesAcrossOneByteReads()
    {
        const string json = """{"a": NaN, "b": "Infinity \\\" NaN", "c": [-Infinity, Infinity, -2, NaN]}""";
        var input = Encoding.UTF8.GetBytes(json);
        using var stream = new NonFiniteJsonStream(new TrickleStream(input));
        using var output = new MemoryStream();
        var one = new byte[1];
        int n;
        while ((n = stream.Read(one, 0, 1)) > 0)
        {
            output.Write(one, 0, n);
        }

        Assert.Equal("""{"a": null, "b": "Infinity \\\" NaN", "c": [null, null, -2, null]}""", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(JsonArrayStream.DefaultBufferSize)]
    public void ATruncatedFile_IsAnInputError(int bufferSize)
    {
        var source = FormatData.Promptfoo()[0];
        var bytes = File.ReadAllBytes(source);
        foreach (var cut in new[] { 1, bytes.Length / 3, bytes.Length / 2, bytes.Length - 2 })
        {
            var file = Path.Combine(dir.Path, $"cut{cut}.json");
            File.WriteAllBytes(file, bytes[..cut]);

            var first = Assert.Throws<InputException>(() => JsonArrayStream.ReadWithout(file, Results, bufferSize).Dispose());
            Assert.Contains("malformed JSON", first.Message, StringComparison.Ordinal);
            Assert.Contains("(truncated or invalid)", first.Message, StringComparison.Ordinal);
            Assert.NotNull(first.Line);

            if (cut == bytes.Length - 2)
            {
                continue; // pass 2 stops at the end of the array; the cut after it is pass 1's to find
            }

            var second = Assert.Throws<InputException>(() => JsonArrayStream.Elements(file, Results, bufferSize).ToList().ForEach(d => d.Dispose()));
            Assert.Contains("malformed JSON", second.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnError_NamesTheLineItIsOn()
    {
        var file = dir.Write("bad.json", "{\n\"samples\": [\n1,\n2,\n{\"a\": tru}\n]\n}\n");

        var ex = Assert.Throws<InputException>(() => JsonArrayStream.ReadWithout(file, Samples, 16).Dispose());

        Assert.Equal(5, ex.Line);
        Assert.StartsWith("malformed JSON at line 5 (truncated or invalid)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAbsentPath_GivesTheObjectAndNoElements()
    {
        var file = dir.Write("none.json", """{"results": {"stats": {"n": 1}, "results": {"not": "an array"}}, "samples": 3}""");

        using var without = JsonArrayStream.ReadWithout(file, Results, 16);
        using var samples = JsonArrayStream.ReadWithout(file, ["nope", "deeper"], 16);

        Assert.Equal("an array", without.RootElement.GetProperty("results").GetProperty("results").GetProperty("not").GetString());
        Assert.Equal(3, samples.RootElement.GetProperty("samples").GetInt32());
        Assert.Empty(JsonArrayStream.Elements(file, Results, 16));
        Assert.Empty(JsonArrayStream.Elements(file, Samples, 16));
        Assert.Empty(JsonArrayStream.Elements(file, ["nope", "deeper"], 16));
    }

    [Fact]
    public void ATopLevelValueThatIsNotAnObject_IsReturnedAsIs()
    {
        var file = dir.Write("array.json", "\uFEFF[1, 2, 3]");

        using var doc = JsonArrayStream.ReadWithout(file, Samples, 16);

        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Empty(JsonArrayStream.Elements(file, Samples, 16));
    }

    [Fact]
    public void MissingEmptyAndTrailingGarbageFiles_AreInputErrors()
    {
        var missing = Path.Combine(dir.Path, "missing.json");
        Assert.Equal("file not found", Assert.Throws<InputException>(() => JsonArrayStream.ReadWithout(missing, Samples)).Message);
        Assert.Equal("file not found", Assert.Throws<InputException>(() => JsonArrayStream.Elements(missing, Samples).ToList()).Message);

        var empty = dir.Write("empty.json", " \n ");
        Assert.Equal("empty file (expected a JSON object)", Assert.Throws<InputException>(() => JsonArrayStream.ReadWithout(empty, Samples, 16)).Message);

        var trailing = dir.Write("trailing.json", """{"samples": []} x""");
        Assert.Contains("malformed JSON", Assert.Throws<InputException>(() => JsonArrayStream.ReadWithout(trailing, Samples, 16)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAPropertyName_IsAnInputError()
    {
        var file = Path.Combine(dir.Path, "utf8.json");
        File.WriteAllBytes(file, [.. "{\"a"u8, 0xC3, 0x28, .. "\": 1, \"samples\": []}"u8]);

        var ex = Record.Exception(() => JsonArrayStream.ReadWithout(file, Samples, 16).Dispose());

        Assert.IsType<InputException>(ex);
    }

    private static JsonElement At(JsonElement root, string[] path) =>
        path.Aggregate(root, (element, name) => element.GetProperty(name));

    private static JsonElement Emptied(JsonElement value, string[] path, int depth)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in value.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                if (property.Name == path[depth] && depth == path.Length - 1)
                {
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
                else if (property.Name == path[depth])
                {
                    Emptied(property.Value, path, depth + 1).WriteTo(writer);
                }
                else
                {
                    property.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    /// <summary>Hands out one byte per read, so every token is split across reads.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
