using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// Per-item outcomes from an lm-evaluation-harness <c>samples_&lt;task&gt;_&lt;timestamp&gt;.jsonl</c> file, one metric key to
/// its items. Repeats of one item (same doc_id and filter) are averaged, so N counts items, never item × repeat.
/// </summary>
internal sealed class SamplesFile
{
    // Fields every sample line carries that are not scores; used only when a line has no "metrics" list.
    private static readonly HashSet<string> NotMetrics = new(StringComparer.Ordinal)
    {
        "doc_id", "doc", "target", "arguments", "resps", "filtered_resps", "filter", "metrics",
        "doc_hash", "prompt_hash", "target_hash", "task_name",
    };

    private SamplesFile(string path, string task, IReadOnlyList<(string Key, IReadOnlyList<ItemOutcome> Items)> metrics)
    {
        Path = path;
        Task = task;
        Metrics = metrics;
    }

    public string Path { get; }

    public string Task { get; }

    /// <summary>Usable metrics in order of first appearance, each with items sorted by id.</summary>
    public IReadOnlyList<(string Key, IReadOnlyList<ItemOutcome> Items)> Metrics { get; }

    /// <summary>Streams the file line by line.</summary>
    /// <param name="commaKeys">Key metrics as <c>metric,filter</c> (v0.4 results) rather than bare names.</param>
    /// <param name="resultsMetrics">Metric names the results file gives this task; used when a line has no "metrics" list.</param>
    /// <param name="clusterBy">A dotted path into each line (<c>doc.subject</c>) whose value names the item's cluster.</param>
    public static SamplesFile Load(string path, bool commaKeys, IReadOnlySet<string>? resultsMetrics, IProgress<long>? progress = null, string? clusterBy = null)
    {
        var task = LmEvalFileName.Samples(path)?.Task
            ?? throw new InputException(path, "not an lm-evaluation-harness samples file name (expected samples_<task>_<timestamp>.jsonl)");

        var accumulators = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var order = new List<string>();
        long lineNumber = 0;
        var objects = 0;
        var scan = new SamplesLineScan();
        try
        {
            using var lines = new ByteLines(ProgressStream.Open(path, progress));
            while (lines.TryRead(out var line))
            {
                lineNumber++;
                if (line.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }

                objects++;
                // The fast scan skips "doc"; a cluster field needs the full parse.
                if (clusterBy is null && scan.TryScan(NonFiniteJson.Neutralise(line).Span))
                {
                    Apply(scan, commaKeys, accumulators, order);
                    continue;
                }

                using var doc = JsonInput.ParseLine(path, line, lineNumber);
                try
                {
                    ReadLine(path, lineNumber, doc.RootElement, commaKeys, resultsMetrics, accumulators, order, clusterBy);
                }
                catch (Exception ex) when (JsonInput.IsValueError(ex))
                {
                    throw new InputException(path, $"unreadable value on line {lineNumber}: {ex.Message}", lineNumber);
                }
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(path, $"cannot read file: {ex.Message}", lineNumber == 0 ? null : lineNumber);
        }

        if (objects == 0)
        {
            throw new InputException(path, "empty file (expected one JSON object per line)");
        }

        var metrics = order
            .Where(key => accumulators[key].Usable && accumulators[key].Items.Count > 0)
            .Select(key => (Key: key, Items: (IReadOnlyList<ItemOutcome>)accumulators[key].ToOutcomes()))
            .ToList();
        return new SamplesFile(path, task, metrics);
    }

    private static void ReadLine(string path, long lineNumber, JsonElement line, bool commaKeys, IReadOnlySet<string>? resultsMetrics,
        Dictionary<string, Accumulator> accumulators, List<string> order, string? clusterBy = null)
    {
        if (line.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path, $"line {lineNumber} is not a JSON object", lineNumber);
        }

        var id = ReadId(path, lineNumber, line);
        var filter = line.TryGetProperty("filter", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "none";
        var cluster = clusterBy is null ? null : Cluster(path, lineNumber, line, clusterBy);

        var names = MetricNames(line, resultsMetrics);
        if (resultsMetrics is null && !line.TryGetProperty("metrics", out _))
        {
            // Metrics told only by their values: one that was a score on the lines before must be one on this line too,
            // or the item would silently drop out of it.
            foreach (var known in order.Where(k => accumulators[k].Usable))
            {
                var name = commaKeys ? known[..known.LastIndexOf(',')] : known;
                if ((!commaKeys || known[(name.Length + 1)..] == filter) && !names.Contains(name))
                {
                    var value = line.TryGetProperty(name, out var v) ? v.GetRawText() : "missing";
                    throw new InputException(path, $"line {lineNumber}: \"{name}\" is {value}, not a score in [0,1] as on the lines before", lineNumber);
                }
            }
        }

        foreach (var name in names)
        {
            var key = commaKeys ? $"{name},{filter}" : name;
            if (!accumulators.TryGetValue(key, out var accumulator))
            {
                accumulators[key] = accumulator = new Accumulator();
                order.Add(key);
            }

            var score = line.TryGetProperty(name, out var value) ? Score(value) : null;
            if (score is null)
            {
                accumulator.Usable = false; // e.g. micro_f1's [[gold],[pred]]: a corpus-level metric, not a per-item score
            }
            else
            {
                accumulator.Add(id, score.Value, cluster);
            }
        }
    }

    /// <summary>The value at a dotted path (<c>doc.subject</c>) as text: a missing field is an input error, not a cluster of its own.</summary>
    private static string Cluster(string path, long lineNumber, JsonElement line, string clusterBy)
    {
        var value = line;
        foreach (var part in clusterBy.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
            {
                throw new InputException(path, $"line {lineNumber} has no \"{clusterBy}\" (the policy's cluster_by)", lineNumber);
            }
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>What <see cref="ReadLine"/> does, from a line the fast scan could read.</summary>
    private static void Apply(SamplesLineScan scan, bool commaKeys, Dictionary<string, Accumulator> accumulators, List<string> order)
    {
        foreach (var name in scan.Metrics)
        {
            var key = commaKeys ? $"{name},{scan.Filter}" : name;
            if (!accumulators.TryGetValue(key, out var accumulator))
            {
                accumulators[key] = accumulator = new Accumulator();
                order.Add(key);
            }

            if (scan.Score(name) is { } score)
            {
                accumulator.Add(scan.Id, score);
            }
            else
            {
                accumulator.Usable = false;
            }
        }
    }

    private static List<string> MetricNames(JsonElement line, IReadOnlySet<string>? resultsMetrics)
    {
        if (line.TryGetProperty("metrics", out var listed) && listed.ValueKind == JsonValueKind.Array)
        {
            return listed.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList();
        }

        // Older v0.4 samples (e.g. asdiv) have no "metrics" list: trust the results file's names, else any score-like field.
        return line.EnumerateObject()
            .Where(p => resultsMetrics is null ? !NotMetrics.Contains(p.Name) && Score(p.Value) is not null : resultsMetrics.Contains(p.Name))
            .Select(p => p.Name)
            .ToList();
    }

    private static (long? Number, string Text) ReadId(string path, long lineNumber, JsonElement line)
    {
        if (line.TryGetProperty("doc_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
            {
                return (number, number.ToString(CultureInfo.InvariantCulture));
            }

            if (id.ValueKind == JsonValueKind.String)
            {
                return (null, id.GetString()!);
            }
        }

        throw new InputException(path, $"line {lineNumber} has no \"doc_id\" (expected an integer item id)", lineNumber);
    }

    /// <summary>An item score in [0,1]: a number, a bool, or a list of one number; anything else is not a per-item score.</summary>
    private static double? Score(JsonElement value)
    {
        double? score = value.ValueKind switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.Array when value.GetArrayLength() == 1 && value[0].ValueKind == JsonValueKind.Number => value[0].GetDouble(),
            _ => null,
        };
        return score is >= 0 and <= 1 ? score : null;
    }

    private sealed class Accumulator
    {
        public bool Usable { get; set; } = true;

        public Dictionary<string, (long? Number, double Sum, int Count, string? Cluster, RepeatRange? Repeats)> Items { get; } = new(StringComparer.Ordinal);

        public void Add((long? Number, string Text) id, double score, string? cluster = null)
        {
            var current = Items.TryGetValue(id.Text, out var c) ? c : (Number: id.Number, Sum: 0.0, Count: 0, Cluster: cluster, Repeats: null);
            var repeats = current.Count == 0 ? null : (RepeatRange?)RepeatRange.Add(current.Repeats, current.Sum, score);
            Items[id.Text] = (id.Number, current.Sum + score, current.Count + 1, current.Cluster ?? cluster, repeats);
        }

        public List<ItemOutcome> ToOutcomes()
        {
            var numeric = Items.Values.All(v => v.Number is not null);
            var ordered = numeric
                ? Items.OrderBy(i => i.Value.Number)
                : Items.OrderBy(i => i.Key, StringComparer.Ordinal);
            return ordered.Select(i => new ItemOutcome(i.Key, i.Value.Sum / i.Value.Count, Cluster: i.Value.Cluster, Repeats: i.Value.Repeats)).ToList();
        }
    }
}
