using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Tables for everything else: CSV (RFC 4180, a header row) or JSONL (one object per line), either one row per item
/// (<c>model, benchmark, item, score, latency_ms, cost, tokens</c>) or one row per benchmark
/// (<c>model, benchmark, n, successes</c> or <c>n, accuracy</c>). <c>model</c> and <c>benchmark</c> may come from the
/// policy instead. Rows are streamed; only per-item outcomes are kept.
/// </summary>
public sealed class TableReader : IEvalReader
{
    public const string ItemColumns = "model, benchmark, item, score, latency_ms, cost, tokens (and, for explanations, input, target, output, reason)";
    public const string BenchmarkColumns = "model, benchmark, n, successes | accuracy";

    private TableReader(InputFormat format) => Format = format;

    public static TableReader Csv { get; } = new(InputFormat.Csv);

    public static TableReader Jsonl { get; } = new(InputFormat.Jsonl);

    public InputFormat Format { get; }

    private bool IsCsv => Format == InputFormat.Csv;

    public bool Detects(FileSniff sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        var columns = IsCsv ? sniff.CsvHeader : sniff.FirstLineKeys?.Select(k => k.ToLowerInvariant()).ToList();
        return columns is not null && Shape(columns) is not null;
    }

    public IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var table = new Accumulator();
        foreach (var file in files)
        {
            if (IsCsv)
            {
                ReadCsv(file, options, table);
            }
            else
            {
                ReadJsonl(file, options, table);
            }
        }

        return table.Runs(files);
    }

    private enum RowShape
    {
        Item,
        Benchmark,
    }

    private static RowShape? Shape(IReadOnlyCollection<string> columns) =>
        columns.Contains("item") && columns.Contains("score") ? RowShape.Item
        : columns.Contains("n") && (columns.Contains("successes") || columns.Contains("accuracy")) ? RowShape.Benchmark
        : null;

    private void ReadCsv(string file, ReadOptions options, Accumulator table)
    {
        using var text = Open(file, options.Progress);
        var csv = new CsvRecordReader(text, file);
        var header = Guard(file, 0, csv.Read)?.Select(h => h.Trim().ToLowerInvariant()).ToList()
            ?? throw new InputException(file, "empty file (expected a CSV header row)");
        var shape = Shape(header) ?? throw NoShape(file, string.Join(", ", header));
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InputException(file, $"the header names column '{twice.Key}' twice; which one counts would be a guess", 1);
        }

        var index = header.Select((name, i) => (name, i)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        if (options.ClusterBy is { } clusterBy && !index.ContainsKey(clusterBy.ToLowerInvariant()))
        {
            throw new InputException(file, $"no column \"{clusterBy}\" (the policy's cluster_by); the header has: {string.Join(", ", header)}", 1);
        }

        var rows = 0;
        while (Guard(file, csv.RecordLine, csv.Read) is { } record)
        {
            rows++;
            if (record.Count != header.Count)
            {
                throw new InputException(file, $"line {csv.RecordLine} has {record.Count} fields, the header {header.Count}", csv.RecordLine);
            }

            var line = csv.RecordLine;
            table.Add(file, line, shape, name => index.TryGetValue(name, out var i) ? TableCell.OfText(record[i]) : default, options);
        }

        if (rows == 0)
        {
            throw new InputException(file, "no rows after the header");
        }
    }

    private void ReadJsonl(string file, ReadOptions options, Accumulator table)
    {
        using var text = Open(file, options.Progress);
        var lines = new TextLines(text, file);
        var rows = 0;
        RowShape? shape = null;
        while (Guard(file, lines.Number, lines.ReadLine) is { } line)
        {
            var lineNumber = lines.Number;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rows++;
            using var doc = JsonInput.ParseLine(file, line, lineNumber);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, $"line {lineNumber} is not a JSON object", lineNumber);
            }

            var cells = new Dictionary<string, TableCell>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (cells.ContainsKey(property.Name.ToLowerInvariant()))
                {
                    throw new InputException(file, $"line {lineNumber}: \"{property.Name}\" is there twice (names are read regardless of case)", lineNumber);
                }

                cells[property.Name.ToLowerInvariant()] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => TableCell.OfText(property.Value.GetString()!),
                    JsonValueKind.Number => new TableCell(null, property.Value.GetDouble(), null),
                    JsonValueKind.True => new TableCell(null, null, true),
                    JsonValueKind.False => new TableCell(null, null, false),
                    JsonValueKind.Null => default,
                    _ => throw new InputException(file, $"line {lineNumber}: \"{property.Name}\" is {property.Value.ValueKind}, expected a string, number or boolean", lineNumber),
                };
            }

            shape ??= Shape(cells.Keys) ?? throw NoShape(file, string.Join(", ", cells.Keys));
            table.Add(file, lineNumber, shape.Value, name => cells.TryGetValue(name, out var c) ? c : default, options);
        }

        if (rows == 0)
        {
            throw new InputException(file, "empty file (expected one JSON object per line)");
        }
    }

    private static T Guard<T>(string file, long line, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException ex)
        {
            // The reader decodes a buffer ahead of the line it returns, so the line is where reading stood, not the byte's.
            throw new InputException(file, $"not UTF-8 text{(line > 0 ? $" (after line {line})" : "")}: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new InputException(file, $"cannot read file after line {line}: {ex.Message}", line > 0 ? line : null);
        }
    }

    private static StreamReader Open(string file, IProgress<long>? progress)
    {
        try
        {
            return new StreamReader(ProgressStream.Open(file, progress), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(file, "file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(file, $"cannot read file: {ex.Message}");
        }
    }

    private InputException NoShape(string file, string found) => new(
        file,
        $"{Spelling.Of(Format)} columns not recognised (found: {found}); expected per item: {ItemColumns}; or per benchmark: {BenchmarkColumns}");

    /// <summary>Rows gathered per model and benchmark, in order of first appearance.</summary>
    private sealed class Accumulator
    {
        private readonly Dictionary<(string Model, string Benchmark), Leaf> leaves = [];
        private readonly List<(string Model, string Benchmark)> order = [];

        public void Add(string file, long line, RowShape shape, Func<string, TableCell> cell, ReadOptions options)
        {
            InputException Fail(string column, string message) => new(file, $"line {line}, column '{column}': {message}", line);

            var model = cell("model").AsText() ?? options.Model ?? Path.GetFileNameWithoutExtension(file);
            if (options.Model is { } kept && model != kept)
            {
                return;
            }

            var benchmark = cell("benchmark").AsText() ?? options.Benchmark
                ?? throw new InputException(file, $"line {line} has no benchmark: add a 'benchmark' column, or 'benchmark:' to this input in the policy", line);
            var key = (model, benchmark);
            if (!leaves.TryGetValue(key, out var leaf))
            {
                leaves[key] = leaf = new Leaf(file, shape);
                order.Add(key);
            }
            else if (leaf.Shape != shape)
            {
                throw new InputException(file, $"line {line}: benchmark '{benchmark}' of model '{model}' has both per-item and per-benchmark rows", line);
            }

            if (shape == RowShape.Item)
            {
                var id = cell("item").AsText() ?? throw Fail("item", "empty item id");
                var score = cell("score").AsScore(m => Fail("score", m)) ?? throw Fail("score", "empty score");
                leaf.AddItem(id, score, NonNegative(cell("latency_ms"), m => Fail("latency_ms", m)), NonNegative(cell("cost"), m => Fail("cost", m)),
                    NonNegative(cell("tokens"), m => Fail("tokens", m)), cell(options.ClusterBy?.ToLowerInvariant() ?? "cluster").AsText(),
                    ItemExcerpt.Of(options.ExcerptChars, cell("input").AsText(), cell("target").AsText(), cell("output").AsText(), cell("reason").AsText()));
                return;
            }

            if (leaf.N is not null)
            {
                throw new InputException(file, $"line {line}: benchmark '{benchmark}' of model '{model}' appears twice", line);
            }

            var n = cell("n").AsNumber(m => Fail("n", m)) ?? throw Fail("n", "empty item count");
            if (n < 0 || n != Math.Floor(n) || n > int.MaxValue)
            {
                throw Fail("n", $"expected a whole number of items, got {n.ToString(CultureInfo.InvariantCulture)}");
            }

            var successes = cell("successes").AsNumber(m => Fail("successes", m));
            var accuracy = cell("accuracy").AsNumber(m => Fail("accuracy", m));
            if (successes is null && accuracy is null)
            {
                throw Fail("successes", "neither 'successes' nor 'accuracy' given");
            }

            if (successes is < 0 || successes > n)
            {
                throw Fail("successes", $"expected between 0 and n = {n.ToString(CultureInfo.InvariantCulture)}, got {successes.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            if (accuracy is < 0 or > 1)
            {
                throw Fail("accuracy", $"expected between 0 and 1, got {accuracy.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            leaf.N = (int)n;
            leaf.Successes = successes ?? accuracy!.Value * n;
        }

        public List<EvalRun> Runs(IReadOnlyList<string> files)
        {
            return order.GroupBy(k => k.Model, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new EvalRun(g.Key, g.Select(k => leaves[k].ToBenchmark(k.Benchmark)).ToList(), null, files))
                .ToList();
        }

        private static double? NonNegative(TableCell cell, Func<string, InputException> fail)
        {
            var value = cell.AsNumber(fail);
            return value is < 0 ? throw fail("expected a number ≥ 0") : value;
        }
    }

    private sealed class Leaf(string file, RowShape shape)
    {
        private readonly ItemBuffer items = new();

        public RowShape Shape => shape;

        public int? N { get; set; }

        public double Successes { get; set; }

        public void AddItem(string id, double score, double? latency, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt) =>
            items.Add(id, score, latency, cost, tokens, cluster, excerpt);

        public BenchmarkResult ToBenchmark(string name)
        {
            if (shape == RowShape.Benchmark)
            {
                return new BenchmarkResult(name, [], [new MetricResult("accuracy", N!.Value, Successes, false, MetricSource.Results, N > 0 ? Successes / N : null, null)], file);
            }

            return new BenchmarkResult(name, [], [items.ToMetric("accuracy")], file);
        }
    }
}
