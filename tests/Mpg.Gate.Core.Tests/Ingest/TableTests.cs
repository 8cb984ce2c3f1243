using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>CSV and JSONL tables, per item and per benchmark; counts checked against the rows written.</summary>
public sealed class TableTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void CsvPerItemRows_AverageRepeatsAndKeepLatency()
    {
        var file = dir.Write("items.csv", "model,benchmark,item,score,latency_ms,cost,tokens\r\nm1,faq,a,1,100,0.01,10\r\nm1,faq,a,0,300,0.03,30\r\nm1,faq,\"b, quoted\",true,50,,5\r\nm2,faq,a,0.5,1,,\r\n");

        var runs = TableReader.Csv.Read([file], ReadOptions.Default);

        Assert.Equal(["m1", "m2"], runs.Select(r => r.Model));
        var metric = runs[0].Benchmarks.Single().Metrics.Single();
        Assert.Equal((2, 1.5), (metric.N, metric.Successes)); // a: (1+0)/2, b: 1
        Assert.Equal(new ItemOutcome("a", 0.5, 200, 0.02, 20, Repeats: new RepeatRange(2, 0, 1)), metric.Items![0]);
        Assert.Equal("b, quoted", metric.Items[1].Id);
        Assert.Null(metric.Items[1].Cost);
    }

    [Fact]
    public void CsvPerBenchmarkRows_WithSuccessesOrAccuracy()
    {
        var file = dir.Write("bench.csv", "benchmark,n,successes,accuracy\nmmlu,200,150,\ngsm8k,100,,0.25\n");

        var run = FormatData.Single(TableReader.Csv, file, new ReadOptions(Model: "mine"));

        Assert.Equal("mine", run.Model);
        Assert.Equal((200, 150.0), (run.Find("mmlu")!.Metrics[0].N, run.Find("mmlu")!.Metrics[0].Successes));
        Assert.Equal((100, 25.0), (run.Find("gsm8k")!.Metrics[0].N, run.Find("gsm8k")!.Metrics[0].Successes));
    }

    [Fact]
    public void CsvQuotedField_MayHoldALineBreak()
    {
        var file = dir.Write("multi.csv", "item,score\n\"line1\nline2\",1\nb,0\n");
        var metric = FormatData.Single(TableReader.Csv, file, new ReadOptions(Benchmark: "x")).Benchmarks[0].Metrics[0];
        Assert.Equal("line1\nline2", metric.Items![0].Id);
        Assert.Equal(2, metric.N);
    }

    [Fact]
    public void JsonlPerItemRows_AreRead()
    {
        var file = dir.Write("items.jsonl", """
            {"model": "m", "benchmark": "faq", "item": 1, "score": true, "latency_ms": 12}
            {"model": "m", "benchmark": "faq", "item": 2, "score": 0.25}

            {"model": "m", "benchmark": "faq", "item": 3, "score": false}
            """);

        var metric = FormatData.Single(TableReader.Jsonl, file).Benchmarks[0].Metrics[0];

        Assert.Equal((3, 1.25), (metric.N, metric.Successes));
        Assert.Equal(12, metric.Items![0].LatencyMs);
    }

    [Fact]
    public void JsonlPerBenchmarkRows_AreRead()
    {
        var file = dir.Write("bench.jsonl", """{"model": "m", "benchmark": "b", "n": 10, "accuracy": 0.7}""");
        var metric = FormatData.Single(TableReader.Jsonl, file).Benchmarks[0].Metrics[0];
        Assert.Equal((10, 7.0), (metric.N, metric.Successes), new ToleranceComparer());
    }

    [Theory]
    [InlineData("items.csv", "model,benchmark,item,score\nm,b,1,1\n", "csv")]
    [InlineData("items.txt", "benchmark,n,successes\nb,3,1\n", "csv")]
    [InlineData("x.json", "{\"model\":\"m\",\"benchmark\":\"b\",\"item\":1,\"score\":1}\n", "jsonl")]
    public void Detected_ByContentNotName(string name, string content, string format) =>
        Assert.Equal(format, Spelling.Of(EvalFormats.Detect(dir.Write(name, content)).Format));

    [Theory]
    [InlineData("a.csv", "", "empty")]
    [InlineData("a.csv", "model,benchmark,item,score\n", "no rows")]
    [InlineData("a.csv", "model,benchmark,item,score\nm,b,1,NaN\n", "finite")]
    [InlineData("a.csv", "model,benchmark,item,score\nm,b,1,1.5\n", "[0,1]")]
    [InlineData("a.csv", "model,benchmark,item,score\nm,b,1\n", "3 fields")]
    [InlineData("a.csv", "model,benchmark,item,score\nm,b,\"1,1\n", "never closed")]
    [InlineData("a.csv", "model,benchmark,item,score\nm,,1,1\n", "no benchmark")]
    [InlineData("a.csv", "model,benchmark,n,successes\nm,b,NaN,1\n", "finite")]
    [InlineData("a.csv", "model,benchmark,n,successes\nm,b,10,11\n", "between 0 and n")]
    [InlineData("a.csv", "model,benchmark,n,successes\nm,b,2.5,1\n", "whole number")]
    [InlineData("a.csv", "model,benchmark,n,successes\nm,b,2,1\nm,b,2,1\n", "appears twice")]
    [InlineData("a.csv", "model,benchmark,n\nm,b,2\n", "columns not recognised")]
    [InlineData("a.jsonl", "{\"benchmark\":\"b\",\"item\":1,\"score\":1}\n{\"benchmark\":\"b\",\"item\":2,\"sc", "malformed JSON at line 2")]
    [InlineData("a.jsonl", "{\"benchmark\":\"b\",\"item\":1,\"score\":\"high\"}\n", "expected a number")]
    [InlineData("a.jsonl", "{\"benchmark\":\"b\",\"item\":1,\"score\":[1]}\n", "Array")]
    [InlineData("a.jsonl", "[1,2]\n", "not a JSON object")]
    [InlineData("a.jsonl", "\n\n", "empty")]
    public void BadTable_IsAnInputErrorNamingTheFile(string name, string content, string expected)
    {
        var file = dir.Write(name, content);
        var reader = name.EndsWith(".csv", StringComparison.Ordinal) ? TableReader.Csv : TableReader.Jsonl;

        var ex = Assert.Throws<InputException>(() => reader.Read([file], ReadOptions.Default));

        Assert.Equal(file, ex.File);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(int, double)>
    {
        public bool Equals((int, double) x, (int, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((int, double) obj) => obj.Item1;
    }
}
