using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Bench.Ingest;

/// <summary>Whole-file ingest of a generated samples JSONL; throughput = file size / mean time.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private string samples = "";
    private string csv = "";

    [Params(256)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("MPG_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "mpg-bench-ingest");
        samples = SamplesGenerator.Ensure(folder, MiB * 1024L * 1024L);
        csv = TableGenerator.Ensure(folder, MiB * 1024L * 1024L);
        Console.WriteLine($"// samples file {samples}: {new FileInfo(samples).Length} bytes; csv file {csv}: {new FileInfo(csv).Length} bytes");
    }

    [Benchmark]
    public int LmEvalSamplesJsonl() => LmEvalReader.Read([samples]).Benchmarks[0].Metrics[0].N;

    [Benchmark]
    public int PerItemCsv() => TableReader.Csv.Read([csv], ReadOptions.Default)[0].Benchmarks[0].Metrics[0].N;
}
