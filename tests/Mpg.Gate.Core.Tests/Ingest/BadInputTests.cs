using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Every kind of broken input ends in an InputException naming the file, never another exception.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Valid = """
        {"results": {"t": {"acc,none": 0.5}}, "n-samples": {"t": {"original": 4, "effective": 4}}, "model_name": "m"}
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static InputException ReadFails(params string[] files) =>
        Assert.Throws<InputException>(() => LmEvalReader.Read(files));

    [Fact]
    public void MissingFile()
    {
        var missing = Path.Combine(dir.Path, "results_nope.json");
        var ex = ReadFails(missing);
        Assert.Equal(missing, ex.File);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile()
    {
        var file = dir.Write("results_empty.json", "  \n");
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJsonNamesTheLine()
    {
        var file = dir.Write("results_cut.json", Valid[..(Valid.Length / 2)].Replace(", ", ",\n", StringComparison.Ordinal));
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.NotNull(ex.Line);
        Assert.True(ex.Line >= 1);
        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorOnLineThreeReportsLineThree()
    {
        var file = dir.Write("results_bad.json", "{\n  \"results\": {\n    \"t\": {\"acc,none\": 0.5,,}\n  }\n}\n");
        Assert.Equal(3, ReadFails(file).Line);
    }

    [Fact]
    public void NoResultsObject()
    {
        var file = dir.Write("results_other.json", "{\"foo\": 1}");
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.Equal("not an lm-evaluation-harness results file (no \"results\" object)", ex.Message);
    }

    [Fact]
    public void ResultsNotAnObject()
    {
        var file = dir.Write("results_list.json", "{\"results\": [1, 2], \"model_name\": \"m\"}");
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.Contains("\"results\" is not an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootNotAnObject() => Assert.Equal(dir.Write("results_arr.json", "[]"), ReadFails(dir.Path + "/results_arr.json").File);

    [Theory]
    [InlineData("-3", "-3")]
    [InlineData("\"20\"", "string")]
    [InlineData("NaN", "NaN")]
    [InlineData("2.5", "2.5")]
    [InlineData("null", "null")]
    public void BadEffectiveCount(string effective, string shown)
    {
        var file = dir.Write("results_count.json", Valid.Replace("\"effective\": 4", $"\"effective\": {effective}", StringComparison.Ordinal));
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.Contains("\"n-samples\".\"t\".\"effective\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shown, ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected a non-negative whole item count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEffectiveCount()
    {
        var file = dir.Write("results_noeff.json", Valid.Replace("\"effective\": 4", "\"eff\": 4", StringComparison.Ordinal));
        Assert.Contains("missing", ReadFails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadWallTime()
    {
        var file = dir.Write("results_time.json", Valid.Replace("}}, \"model_name\"", "}}, \"total_evaluation_time_seconds\": \"soon\", \"model_name\"", StringComparison.Ordinal));
        var ex = ReadFails(file);
        Assert.Equal(file, ex.File);
        Assert.Contains("total_evaluation_time_seconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoModelName()
    {
        var file = dir.Write("results_anon.json", "{\"results\": {\"t\": {\"acc,none\": 0.5}}}");
        Assert.Contains("no model name", ReadFails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TaskEntryNotAnObject()
    {
        var file = dir.Write("results_task.json", "{\"results\": {\"t\": 0.5}, \"model_name\": \"m\"}");
        Assert.Contains("\"t\"", ReadFails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedSamplesLineNamesFileAndOneBasedLine()
    {
        var results = dir.Write("results_2024-01-01T00-00-00.1.json", Valid);
        var samples = dir.Write("samples_t_2024-01-01T00-00-00.1.jsonl", "{\"doc_id\": 0, \"acc\": 1}\n\n{\"doc_id\": 1, \"acc\": \n{\"doc_id\": 2, \"acc\": 0}\n");
        var ex = ReadFails(results, samples);
        Assert.Equal(samples, ex.File);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void SamplesLineWithoutDocId()
    {
        var samples = dir.Write("samples_t_2024-01-01T00-00-00.1.jsonl", "{\"acc\": 1}\n");
        var ex = ReadFails(samples);
        Assert.Equal(samples, ex.File);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void EmptySamplesFile()
    {
        var samples = dir.Write("samples_t_2024-01-01T00-00-00.1.jsonl", "\n\n");
        Assert.Contains("empty", ReadFails(samples).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesFileNameWithoutTimestamp()
    {
        var samples = dir.Write("samples_t.jsonl", "{\"doc_id\": 0, \"acc\": 1}\n");
        Assert.Equal(samples, ReadFails(samples).File);
    }

    [Fact]
    public void TwoModelsInOneRead()
    {
        var a = dir.Write("a/results_x.json", Valid);
        var b = dir.Write("b/results_x.json", Valid.Replace("\"m\"", "\"other\"", StringComparison.Ordinal));
        Assert.Contains("ReadRuns", ReadFails(a, b).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFilesAtAll() => Assert.Throws<InputException>(() => LmEvalReader.Read([]));

    [Fact]
    public void GroupCycle()
    {
        var file = dir.Write("results_cycle.json",
            "{\"results\": {\"g\": {\"acc,none\": 0.5}}, \"group_subtasks\": {\"g\": [\"h\"], \"h\": [\"g\"]}, \"model_name\": \"m\"}");
        Assert.Contains("cycle", ReadFails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryGarbage()
    {
        var file = Path.Combine(dir.Path, "results_bin.json");
        File.WriteAllBytes(file, [0xFF, 0xFE, 0x00, 0x7B, 0x80, 0x81]);
        Assert.Equal(file, ReadFails(file).File);
    }

    [Fact]
    public void InvalidUtf8InsideAString()
    {
        var file = Path.Combine(dir.Path, "results_utf8.json");
        var raw = System.Text.Encoding.UTF8.GetBytes(Valid).ToList();
        var name = raw.LastIndexOf((byte)'m');
        raw.Insert(name + 1, 0xC3); // a lead byte with no continuation
        File.WriteAllBytes(file, [.. raw]);
        Assert.Equal(file, ReadFails(file).File);
    }

    [Fact]
    public void OverflowingNumbers()
    {
        var file = dir.Write("results_big.json", Valid.Replace("0.5", "1e999", StringComparison.Ordinal));
        var run = Record.Exception(() => LmEvalReader.Read([file]));
        Assert.True(run is null or InputException);

        var results = dir.Write("run/results_2024-01-01T00-00-00.1.json", Valid);
        var samples = dir.Write("run/samples_t_2024-01-01T00-00-00.1.jsonl", "{\"doc_id\": 1e999, \"acc\": 1e999}\n");
        var second = Record.Exception(() => LmEvalReader.Read([results, samples]));
        Assert.True(second is null or InputException, second?.ToString());
    }
}
