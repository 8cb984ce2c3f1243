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
        using var bytes = ByteOrderMark.AsUtf8(file, Open(file, options.Progress));
        var csv = new Utf8CsvReader(bytes, file);
        var header = Header(file, csv)?.Select(h => h.Trim().ToLowerInvariant()).ToList()
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

        // Each known column's field number, resolved once per file (-1: not in the header).
        var names = Columns.Names(options);
        var fields = names.Select(n => index.TryGetValue(n, out var i) ? i : -1).ToArray();
        var present = Enumerable.Range(0, fields.Length).Where(c => fields[c] >= 0).ToArray();
        var row = new TableCell[Columns.Count];
        // Model, benchmark and cluster repeat row after row: their strings are made when the bytes change. The other
        // cells stay bytes, read as numbers or made strings (the item id, an excerpt) where they are kept.
        var repeated = new RepeatedText?[Columns.Count];
        repeated[(int)Column.Model] = new();
        repeated[(int)Column.Benchmark] = new();
        repeated[(int)Column.Cluster] = new();
        var rows = 0;
        long read = 0;
        try
        {
            while (csv.Read())
            {
                read = csv.RecordLine;
                rows++;
                if (csv.Count != header.Count)
                {
                    throw new InputException(file, $"line {csv.RecordLine} has {csv.Count} fields, the header {header.Count}", csv.RecordLine);
                }

                // A column the header lacks stays the default cell it started as.
                foreach (var c in present)
                {
                    row[c] = repeated[c] is { } strings ? TableCell.OfText(strings.Of(csv[fields[c]].Span)) : TableCell.OfUtf8(csv[fields[c]]);
                }

                table.Add(file, csv.RecordLine, shape, row, names, options);
            }
        }
        catch (Exception ex) when (ex is DecoderFallbackException or IOException)
        {
            throw Unreadable(file, read, ex);
        }

        if (rows == 0)
        {
            throw new InputException(file, "no rows after the header");
        }
    }

    private void ReadJsonl(string file, ReadOptions options, Accumulator table)
    {
        using var text = new StreamReader(Open(file, options.Progress), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var lines = new TextLines(text, file);
        var rows = 0;
        RowShape? shape = null;
        var names = Columns.Names(options);
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = names.Length - 1; c >= 0; c--)
        {
            columnOf[names[c]] = c;
        }

        // The policy's cluster_by may name another known column (cluster_by: model): then both read that property.
        var clusterSame = Array.IndexOf(names, names[(int)Column.Cluster]);
        var row = new TableCell[Columns.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long read = 0;
        while (NextLine(file, lines, read) is { } line)
        {
            var lineNumber = read = lines.Number;
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

            Array.Clear(row);
            seen.Clear();
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name.ToLowerInvariant();
                if (!seen.Add(name))
                {
                    throw new InputException(file, $"line {lineNumber}: \"{property.Name}\" is there twice (names are read regardless of case)", lineNumber);
                }

                var cell = property.Value.ValueKind switch
                {
                    JsonValueKind.String => TableCell.OfText(property.Value.GetString()!),
                    JsonValueKind.Number => new TableCell(null, property.Value.GetDouble(), null),
                    JsonValueKind.True => new TableCell(null, null, true),
                    JsonValueKind.False => new TableCell(null, null, false),
                    JsonValueKind.Null => default,
                    _ => throw new InputException(file, $"line {lineNumber}: \"{property.Name}\" is {property.Value.ValueKind}, expected a string, number or boolean", lineNumber),
                };
                if (columnOf.TryGetValue(name, out var column))
                {
                    row[column] = cell;
                }
            }

            row[(int)Column.Cluster] = row[clusterSame];
            shape ??= Shape(seen) ?? throw NoShape(file, string.Join(", ", root.EnumerateObject().Select(p => p.Name.ToLowerInvariant())));
            table.Add(file, lineNumber, shape.Value, row, names, options);
        }

        if (rows == 0)
        {
            throw new InputException(file, "empty file (expected one JSON object per line)");
        }
    }

    private static List<string>? Header(string file, Utf8CsvReader csv)
    {
        try
        {
            return csv.Read() ? Enumerable.Range(0, csv.Count).Select(csv.Text).ToList() : null;
        }
        catch (Exception ex) when (ex is DecoderFallbackException or IOException)
        {
            throw Unreadable(file, 0, ex);
        }
    }

    private static string? NextLine(string file, TextLines lines, long read)
    {
        try
        {
            return lines.ReadLine();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or IOException)
        {
            throw Unreadable(file, read, ex);
        }
    }

    /// <summary>A file that stopped decoding or reading after line <paramref name="line"/> (0: before any).</summary>
    private static InputException Unreadable(string file, long line, Exception ex) => ex is DecoderFallbackException
        // The reader decodes a buffer ahead of the line it returns, so the line is where reading stood, not the byte's.
        ? new InputException(file, $"not UTF-8 text{(line > 0 ? $" (after line {line})" : "")}: {ex.Message}")
        : new InputException(file, $"cannot read file after line {line}: {ex.Message}", line > 0 ? line : null);

    private static Stream Open(string file, IProgress<long>? progress)
    {
        try
        {
            return ProgressStream.Open(file, progress);
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
        private (string Model, string Benchmark, Leaf Leaf)? last;

        // Where a JSONL item id is encoded; a CSV one is its field's bytes, and becomes a string only when the scorecard is made.
        private byte[] idBytes = new byte[256];

        /// <param name="row">The row's cell of each <see cref="Column"/>; <paramref name="names"/> the columns' names, for messages.</param>
        public void Add(string file, long line, RowShape shape, TableCell[] row, string[] names, ReadOptions options)
        {
            ref readonly TableCell Cell(Column c) => ref row[(int)c];
            CellAt At(Column c) => new(file, line, names[(int)c]);

            var model = Cell(Column.Model).AsText() ?? options.Model ?? Path.GetFileNameWithoutExtension(file);
            if (options.Model is { } kept && model != kept)
            {
                return;
            }

            var benchmark = Cell(Column.Benchmark).AsText() ?? options.Benchmark
                ?? throw new InputException(file, $"line {line} has no benchmark: add a 'benchmark' column, or 'benchmark:' to this input in the policy", line);
            // Rows of one model and benchmark mostly come together: the last row's leaf is found by comparing two
            // strings, not by hashing both into the dictionary for every row.
            Leaf leaf;
            if (last is { } previous && string.Equals(previous.Model, model, StringComparison.Ordinal) && string.Equals(previous.Benchmark, benchmark, StringComparison.Ordinal))
            {
                leaf = previous.Leaf;
            }
            else
            {
                var key = (model, benchmark);
                if (!leaves.TryGetValue(key, out var found))
                {
                    leaves[key] = found = new Leaf(file, shape);
                    order.Add(key);
                }

                leaf = found;
                last = (model, benchmark, leaf);
            }

            if (leaf.Shape != shape)
            {
                throw new InputException(file, $"line {line}: benchmark '{benchmark}' of model '{model}' has both per-item and per-benchmark rows", line);
            }

            if (shape == RowShape.Item)
            {
                var id = Cell(Column.Item).IsEmpty ? throw At(Column.Item).Fail("empty item id") : Cell(Column.Item).Utf8(ref idBytes);
                // The id's slot is fetched from memory while the row's numbers are parsed.
                var hash = leaf.Prefetch(id);
                var score = Cell(Column.Score).AsScore(At(Column.Score)) ?? throw At(Column.Score).Fail("empty score");
                leaf.AddItem(id, hash, score, NonNegative(in Cell(Column.LatencyMs), At(Column.LatencyMs)), NonNegative(in Cell(Column.Cost), At(Column.Cost)),
                    NonNegative(in Cell(Column.Tokens), At(Column.Tokens)), Cell(Column.Cluster).AsText(),
                    leaf.KeepsExcerpts ? ItemExcerpt.Of(options.ExcerptChars, Cell(Column.Input).AsText(), Cell(Column.Target).AsText(), Cell(Column.Output).AsText(), Cell(Column.Reason).AsText()) : null);
                return;
            }

            if (leaf.N is not null)
            {
                throw new InputException(file, $"line {line}: benchmark '{benchmark}' of model '{model}' appears twice", line);
            }

            var n = Cell(Column.N).AsNumber(At(Column.N)) ?? throw At(Column.N).Fail("empty item count");
            if (n < 0 || n != Math.Floor(n) || n > int.MaxValue)
            {
                throw At(Column.N).Fail($"expected a whole number of items, got {n.ToString(CultureInfo.InvariantCulture)}");
            }

            var successes = Cell(Column.Successes).AsNumber(At(Column.Successes));
            var accuracy = Cell(Column.Accuracy).AsNumber(At(Column.Accuracy));
            if (successes is null && accuracy is null)
            {
                throw At(Column.Successes).Fail("neither 'successes' nor 'accuracy' given");
            }

            if (successes is < 0 || successes > n)
            {
                throw At(Column.Successes).Fail($"expected between 0 and n = {n.ToString(CultureInfo.InvariantCulture)}, got {successes.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            if (accuracy is < 0 or > 1)
            {
                throw At(Column.Accuracy).Fail($"expected between 0 and 1, got {accuracy.Value.ToString(CultureInfo.InvariantCulture)}");
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

        private static double? NonNegative(in TableCell cell, in CellAt at)
        {
            var value = cell.AsNumber(at);
            return value is < 0 ? throw at.Fail("expected a number ≥ 0") : value;
        }
    }

    private sealed class Leaf(string file, RowShape shape)
    {
        private readonly ItemBuffer items = new();

        public RowShape Shape => shape;

        public int? N { get; set; }

        public double Successes { get; set; }

        /// <summary>False once the buffer holds <see cref="ItemExcerpt.MaxItems"/> items: a new item's excerpt would be dropped, so none is made.</summary>
        public bool KeepsExcerpts => items.Count < ItemExcerpt.MaxItems;

        public int Prefetch(ReadOnlySpan<byte> id) => items.Prefetch(id);

        public void AddItem(ReadOnlySpan<byte> id, int hash, double score, double? latency, double? cost, double? tokens, string? cluster, ItemExcerpt? excerpt) =>
            items.AddUtf8(id, hash, score, latency, cost, tokens, cluster, excerpt);

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
