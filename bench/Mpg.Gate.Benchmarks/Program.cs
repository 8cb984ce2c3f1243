using BenchmarkDotNet.Running;
using Mpg.Gate.Benchmarks;
using Mpg.Gate.Ingest;
using Mpg.Gate.Ingest.LmEval;

// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks                      BenchmarkDotNet: 1 GiB samples JSONL, 64 MiB CSV,
//                                                                                 sampling, pairing, the paired example's gate, scorecard JSON
//   (-- --filter '*Sampling*' '*Paired*' '*Gate*' --job short: the engine's budgets alone, a few minutes)
// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks -- generate 1024 DIR  write a 1 GiB samples JSONL into DIR
// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks -- read FILE           read one samples file once (for /usr/bin/time -v)
// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks -- read-csv FILE       read one per-item CSV once
// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks -- tokenize-csv FILE [sep]  only split it into records and fields (ours, or Sep's)
// dotnet run -c Release --project bench/Mpg.Gate.Benchmarks -- draws 30           200 leaves x 20,000 Beta draws, 30 rounds
if (args is ["generate", var mib, var folder])
{
    Console.WriteLine(SamplesGenerator.Ensure(folder, long.Parse(mib, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024));
    return 0;
}

if (args is ["generate-csv", var csvMib, var csvFolder])
{
    Console.WriteLine(TableGenerator.Ensure(csvFolder, long.Parse(csvMib, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024));
    return 0;
}

if (args is ["read", var file])
{
    // Allocations and GC pauses around the read: what per-line garbage costs, beside the wall time.
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var pausedBefore = GC.GetTotalPauseDuration();
    int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    var started = System.Diagnostics.Stopwatch.StartNew();
    var metric = LmEvalReader.Read([file]).Benchmarks[0].Metrics[0];
    var seconds = started.Elapsed.TotalSeconds;
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    var paused = GC.GetTotalPauseDuration() - pausedBefore;
    var bytes = new FileInfo(file).Length;
    Console.WriteLine(FormattableString.Invariant($"{metric.Key}: n={metric.N} successes={metric.Successes}; {bytes / 1048576.0:F0} MiB in {seconds:F2} s = {bytes / 1048576.0 / seconds:F0} MiB/s"));
    Console.WriteLine(FormattableString.Invariant($"allocated {allocated / 1048576.0:F0} MiB; GC paused {paused.TotalMilliseconds:F0} ms; collections gen0/1/2 {GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}"));
    return 0;
}

if (args is ["read-csv", var table, .. var readRounds])
{
    // Rounds after the first run warm code (what BenchmarkDotNet and a NativeAOT build measure); the first one is cold.
    var csvRounds = readRounds is [var r] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 1;
    for (var round = 1; round <= csvRounds; round++)
    {
        var paused = GC.GetTotalPauseDuration();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var metric = TableReader.Csv.Read([table], ReadOptions.Default)[0].Benchmarks[0].Metrics[0];
        var seconds = started.Elapsed.TotalSeconds;
        var bytes = new FileInfo(table).Length;
        Console.WriteLine(FormattableString.Invariant($"round {round}: {metric.Key}: n={metric.N} successes={metric.Successes}; {bytes / 1048576.0:F0} MiB in {seconds:F3} s = {bytes / 1048576.0 / seconds:F0} MiB/s, GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms"));
    }

    // What the collector did meanwhile: the CSV reader's cost has been its allocations more than its parsing.
    Console.WriteLine(FormattableString.Invariant($"GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections, {GC.GetTotalPauseDuration().TotalSeconds:F2} s paused, {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated"));
    return 0;
}

if (args is ["tokenize-csv", var tokenized, .. var tokenizer])
{
    // The tokenizer alone (records and fields, nothing kept): what the CSV reader costs before any row is interpreted;
    // "sep" times Sep's on the same file instead of ours.
    var withSep = tokenizer is ["sep"];
    var started = System.Diagnostics.Stopwatch.StartNew();
    var (records, fields, _) = withSep ? CsvTokenizers.WithSep(tokenized) : CsvTokenizers.Ours(tokenized);
    var seconds = started.Elapsed.TotalSeconds;
    var bytes = new FileInfo(tokenized).Length;
    Console.WriteLine(FormattableString.Invariant($"{(withSep ? "Sep" : "ours")}: {records} records, {fields} fields; {bytes / 1048576.0:F0} MiB in {seconds:F2} s = {bytes / 1048576.0 / seconds:F0} MiB/s"));
    return 0;
}

if (args is ["draws", var rounds])
{
    // SamplingBenchmark's one-core loop, timed by a stopwatch for perf and for the fastest of many rounds on a shared machine.
    var sampling = new SamplingBenchmark();
    var times = new List<double>();
    for (var r = 0; r < int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture); r++)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        sampling.DrawsOnOneCore();
        times.Add(started.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(FormattableString.Invariant($"200 leaves x 20,000 draws on one core: fastest {times.Min():F1} ms, median {times.Order().ElementAt(times.Count / 2):F1} ms of {times.Count}"));
    return 0;
}

if (args is ["rank-phases", var leaderboard, var draws])
{
    RankPhases.Run(leaderboard, int.Parse(draws, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SamplesBenchmark).Assembly).Run(args);
return 0;
