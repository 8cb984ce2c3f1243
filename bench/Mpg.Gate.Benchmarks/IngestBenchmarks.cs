using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;
using nietras.SeparatedValues;

namespace Mpg.Gate.Benchmarks;

/// <summary>Whole-file ingest of a generated 1 GiB lm-eval samples JSONL; throughput = file size / mean time.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class SamplesBenchmark
{
    private string samples = "";

    [Params(1024)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        samples = SamplesGenerator.Ensure(BenchFolder.Path, MiB * 1024L * 1024L);
        Console.WriteLine($"// samples file {samples}: {new FileInfo(samples).Length} bytes");
    }

    [Benchmark]
    public int LmEvalSamplesJsonl() => LmEvalReader.Read([samples]).Benchmarks[0].Metrics[0].N;
}

/// <summary>Whole-file ingest of a generated per-item CSV.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class CsvBenchmark
{
    private string csv = "";

    [Params(64)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        csv = TableGenerator.Ensure(BenchFolder.Path, MiB * 1024L * 1024L);
        Console.WriteLine($"// csv file {csv}: {new FileInfo(csv).Length} bytes");
    }

    [Benchmark]
    public int PerItemCsv() => TableReader.Csv.Read([csv], ReadOptions.Default)[0].Benchmarks[0].Metrics[0].N;
}

internal static class BenchFolder
{
    public static string Path => Environment.GetEnvironmentVariable("MPG_BENCH_DIR") ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mpg-bench-ingest");
}

/// <summary>
/// The CSV tokenizer alone, ours against Sep (the fastest .NET CSV reader we know, no allocation per field) on the same
/// generated per-item CSV: records split into fields, quotes unescaped, every field's bytes or chars touched once.
/// Which one the reader uses was chosen by this (docs/PERFORMANCE.md, "Our tokenizer or Sep").
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class CsvTokenizerBenchmark
{
    private string csv = "";

    [Params(64)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup() => csv = TableGenerator.Ensure(BenchFolder.Path, MiB * 1024L * 1024L);

    [Benchmark(Baseline = true)]
    public long Ours() => CsvTokenizers.Ours(csv).Fields;

    [Benchmark]
    public long Sep() => CsvTokenizers.WithSep(csv).Fields;
}

/// <summary>Both tokenizers' loops, shared by <see cref="CsvTokenizerBenchmark"/> and the <c>tokenize-csv</c> command.</summary>
internal static class CsvTokenizers
{
    /// <summary>Records, fields and the sum of the fields' lengths (so no loop can skip the field).</summary>
    public static (long Records, long Fields, long Length) Ours(string file)
    {
        using var source = File.OpenRead(file);
        var csv = new Utf8CsvReader(source, file);
        long records = 0, fields = 0, length = 0;
        while (csv.Read())
        {
            records++;
            fields += csv.Count;
            for (var i = 0; i < csv.Count; i++)
            {
                length += csv[i].Length;
            }
        }

        return (records, fields, length);
    }

    /// <summary>The same with Sep: UTF-8 decoded to chars (as Sep reads), the header read as a record.</summary>
    public static (long Records, long Fields, long Length) WithSep(string file)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(file);
        long records = 0, fields = 0, length = 0;
        foreach (var row in reader)
        {
            records++;
            fields += row.ColCount;
            for (var i = 0; i < row.ColCount; i++)
            {
                length += row[i].Span.Length;
            }
        }

        return (records, fields, length);
    }
}
