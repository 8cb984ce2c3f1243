using System.Globalization;
using System.Text;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// A samples file split into blocks on several cores gives what the single pass gives: the same items, scores,
/// repeats and excerpts, and the same first error at the same line. Blocks are made tiny here so that small files
/// split, lines straddle blocks and some lines are longer than a block.
/// </summary>
public sealed class SamplesSplitTests : IDisposable
{
    private const string Name = "m/samples_t_2026-01-01T00-00-00.000000.jsonl";

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<int> BlockSizes => new() { 64, 97, 256, 4096 };

    [Theory]
    [MemberData(nameof(BlockSizes))]
    public void EveryLineShape_SameItemsAsTheSinglePass(int blockBytes)
    {
        var file = dir.Write(Name, "\uFEFF" + MixedLines(seed: 7, lines: 400));
        Assert.True(SampleBlocks.Worth(new FileInfo(file).Length, 4, blockBytes)); // or this test would prove nothing

        var single = Load(file, threads: 1, blockBytes);
        var split = Load(file, threads: 4, blockBytes);

        Assert.Equal(Keys(single), Keys(split));
        for (var m = 0; m < single.Metrics.Count; m++)
        {
            Assert.Equal(single.Metrics[m].Items, split.Metrics[m].Items);
        }

        Assert.Contains(single.Metrics, m => m.Items.Any(i => i.Repeats is not null));
        Assert.Contains(single.Metrics, m => m.Items.Any(i => i.Excerpt is not null));
    }

    [Theory]
    [InlineData("asdiv__Meta-Llama-3-8B-Instruct")]
    [InlineData("negotiationtom__Qwen3-8B")]
    public void RealHarnessFiles_SameItemsAsTheSinglePass(string run)
    {
        var files = LmEvalData.Files(LmEvalData.Dir("with-samples", run), "samples_*.jsonl");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var single = Load(file, threads: 1, 4096);
            var split = Load(file, threads: 2, 4096);

            Assert.True(SampleBlocks.Worth(new FileInfo(file).Length, 2, 4096), file);
            Assert.NotEmpty(single.Metrics);
            Assert.Equal(Keys(single), Keys(split));
            Assert.Equal(single.Metrics.SelectMany(m => m.Items), split.Metrics.SelectMany(m => m.Items));
        }
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    public void CrlfBlankLinesAndNoFinalNewline_SameItems(string newline, bool finalNewline)
    {
        var text = MixedLines(seed: 3, lines: 120).Replace("\n", newline, StringComparison.Ordinal);
        var file = dir.Write(Name, finalNewline ? text : text.TrimEnd('\r', '\n'));

        var single = Load(file, threads: 1, 64);
        var split = Load(file, threads: 2, 64);

        Assert.Equal(single.Metrics.SelectMany(m => m.Items), split.Metrics.SelectMany(m => m.Items));
    }

    [Theory]
    [InlineData("{\"doc_id\": 9, \"metrics\": [\"acc\"], \"acc\": 1")]           // truncated JSON: the full parse's error
    [InlineData("{\"doc_id\": true, \"metrics\": [\"acc\"], \"acc\": 1}")]        // no usable doc_id
    [InlineData("[1, 2]")]                                                      // not an object
    public void AnErrorInALaterBlock_SameMessageAndLine(string bad)
    {
        var lines = MixedLines(seed: 5, lines: 300).Split('\n').ToList();
        lines.Insert(211, bad);
        lines.Insert(260, bad); // a second fault after it: the first one is the one reported
        var file = dir.Write(Name, string.Join('\n', lines));

        var single = Assert.Throws<InputException>(() => Load(file, threads: 1, 64));
        var split = Assert.Throws<InputException>(() => Load(file, threads: 3, 64));

        Assert.Equal(212, single.Line);
        Assert.Equal((single.Message, single.Line), (split.Message, split.Line));
    }

    [Fact]
    public void BlankLinesOnly_IsTheEmptyFileError()
    {
        var file = dir.Write(Name, string.Concat(Enumerable.Repeat("  \n\r\n\t\n", 40)));

        var split = Assert.Throws<InputException>(() => Load(file, threads: 2, 64));

        Assert.Contains("empty file", split.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocks_HandOutTheLinesByteLinesReads_InOrder_WithTheirNumbers()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + MixedLines(seed: 11, lines: 200).Replace("\n", "\r\n", StringComparison.Ordinal) + "tail-without-newline");
        var expected = new List<string>();
        using (var lines = new ByteLines(new MemoryStream(bytes)))
        {
            while (lines.TryRead(out var line))
            {
                expected.Add(Encoding.UTF8.GetString(line.Span));
            }
        }

        var seen = new List<(long Number, string Text)>();
        var blocks = 0;
        long total = 0;
        SampleBlocks.Read(new MemoryStream(bytes), threads: 2, blockBytes: 80, fast: true, (lines, before, count) =>
        {
            Assert.Equal(total, before);
            blocks++;
            total += count;
            seen.AddRange(lines.Lines.Select(l => (before + l.Number, Encoding.UTF8.GetString(l.Bytes.Span))));
        });

        Assert.True(blocks > 10);
        Assert.Equal(expected.Count, total);
        var nonBlank = expected.Select((text, i) => (Number: (long)i + 1, Text: text)).Where(l => l.Text.Trim(' ', '\t', '\r').Length > 0);
        Assert.Equal(nonBlank.Select(l => l.Number), seen.Select(l => l.Number));
        Assert.Equal(nonBlank.Select(l => Neutral(l.Text)), seen.Select(l => Neutral(l.Text)));
    }

    // A line left to the full parse is kept as read; one the scan read, rewritten if it had NaN: compare both rewritten.
    private static string Neutral(string text) => Encoding.UTF8.GetString(NonFiniteJson.Neutralise(Encoding.UTF8.GetBytes(text)).Span);

    private static SamplesFile Load(string file, int threads, int blockBytes)
    {
        using var limit = Parallelism.LimitTo(threads);
        return SamplesFile.Load(file, commaKeys: true, resultsMetrics: null, blockBytes: blockBytes);
    }

    private static List<string> Keys(SamplesFile file) => file.Metrics.Select(m => m.Key).ToList();

    /// <summary>
    /// Seeded lines of every shape the reader meets: numeric and text ids, repeats, two filters, NaN, a list score
    /// and a line without a "metrics" list (both left to the full parse), blank lines, long documents.
    /// </summary>
    private static string MixedLines(int seed, int lines)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var id = random.Next(0, lines / 2);
            var docId = random.Next(4) == 0 ? $"\"{id}\"" : id.ToString(CultureInfo.InvariantCulture);
            var filter = random.Next(3) == 0 ? "strict" : "none";
            var acc = (random.Next(2) == 0 ? 0.0 : 1.0).ToString("0.0", CultureInfo.InvariantCulture);
            var doc = new string('x', random.Next(0, 3) == 0 ? random.Next(100, 400) : random.Next(0, 20));
            var shape = random.Next(20);
            text.Append(shape switch
            {
                0 => "\n",
                1 => $"{{\"doc_id\": {docId}, \"doc\": {{\"question\": \"q{i} {doc}\"}}, \"target\": \"t\", \"filter\": \"{filter}\", \"metrics\": [\"acc\", \"f1\"], \"acc\": [{acc}], \"f1\": 0.5}}\n",
                2 => $"{{\"doc_id\": {docId}, \"doc\": {{\"question\": \"q{i}\"}}, \"filter\": \"{filter}\", \"acc\": {acc}, \"f1\": 0.25}}\n",
                3 => $"{{\"doc_id\": {docId}, \"filter\": \"{filter}\", \"metrics\": [\"acc\", \"f1\"], \"acc\": {acc}, \"f1\": NaN}}\n",
                _ => $"{{\"doc_id\": {docId}, \"doc\": {{\"question\": \"q{i} {doc}\"}}, \"target\": \"t{id}\", \"filtered_resps\": [\"a{i}\"], \"filter\": \"{filter}\", \"metrics\": [\"acc\", \"f1\"], \"acc\": {acc}, \"f1\": {random.NextDouble().ToString("R", CultureInfo.InvariantCulture)}}}\n",
            });
        }

        return text.ToString();
    }
}
