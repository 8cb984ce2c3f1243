using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

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
