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

    /// <summary>Streams the file line by line; a large one in blocks on several cores (<see cref="SampleBlocks"/>), with the same result.</summary>
    /// <param name="commaKeys">Key metrics as <c>metric,filter</c> (v0.4 results) rather than bare names.</param>
    /// <param name="resultsMetrics">Metric names the results file gives this task; used when a line has no "metrics" list.</param>
    /// <param name="clusterBy">A dotted path into each line (<c>doc.subject</c>) whose value names the item's cluster.</param>
    /// <param name="excerptChars">Characters of each item's question (<c>doc</c>), target and answer (<c>filtered_resps</c>) to keep; 0 keeps none.</param>
    /// <param name="blockBytes">The split's block size; tests make it tiny so that small files split.</param>
    public static SamplesFile Load(string path, bool commaKeys, IReadOnlySet<string>? resultsMetrics, IProgress<long>? progress = null, string? clusterBy = null,
        int excerptChars = ItemExcerpt.DefaultChars, int blockBytes = SampleBlocks.DefaultBytes)
    {
        var task = LmEvalFileName.Samples(path)?.Task
            ?? throw new InputException(path, "not an lm-evaluation-harness samples file name (expected samples_<task>_<timestamp>.jsonl)");

        var items = new Items(path, commaKeys, resultsMetrics, clusterBy, excerptChars);
        var fast = clusterBy is null; // the fast scan skips "doc"; a cluster field needs the full parse
        try
        {
            using var stream = ProgressStream.Open(path, progress);
            var threads = Parallelism.Degree;
            if (SampleBlocks.Worth(stream.Length, threads, blockBytes))
            {
                SampleBlocks.Read(stream, threads, blockBytes, fast, items.Take);
            }
            else
            {
                using var lines = new ByteLines(stream);
                var one = new ScannedLines(fast);
                while (lines.TryRead(out var line))
                {
                    one.Add(1, line);
                    items.Take(one, items.LinesRead, 1);
                    one.Clear();
                }
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(path, $"cannot read file: {ex.Message}", items.LinesRead == 0 ? null : items.LinesRead);
        }

        if (items.Objects == 0)
        {
            throw new InputException(path, "empty file (expected one JSON object per line)");
        }

        return new SamplesFile(path, task, items.Metrics());
    }

    /// <summary>The file's items so far, metric by metric, and the one way a line is applied to them.</summary>
    private sealed class Items(string path, bool commaKeys, IReadOnlySet<string>? resultsMetrics, string? clusterBy, int excerptChars)
    {
        private readonly Dictionary<string, SampleItems> accumulators = new(StringComparer.Ordinal);
        private readonly List<string> order = [];
        private readonly Dictionary<(string Name, string Filter), SampleItems> keyed = [];

        /// <summary>Lines taken so far, blank ones included: where an error is.</summary>
        public long LinesRead { get; private set; }

        /// <summary>Non-blank lines taken so far.</summary>
        public int Objects { get; private set; }

        /// <summary>Applies <paramref name="lines"/>, the <paramref name="count"/> lines after the first <paramref name="before"/> of the file.</summary>
        public void Take(ScannedLines lines, long before, long count)
        {
            foreach (var line in lines.Lines)
            {
                LinesRead = before + line.Number;
                Objects++;
                if (line.Scanned is { } scanned)
                {
                    Apply(lines, scanned, line.Bytes);
                    continue;
                }

                using var doc = JsonInput.ParseLine(path, line.Bytes, LinesRead);
                try
                {
                    ReadLine(path, LinesRead, doc.RootElement, commaKeys, resultsMetrics, accumulators, order, clusterBy, excerptChars);
                }
                catch (Exception ex) when (JsonInput.IsValueError(ex))
                {
                    throw new InputException(path, $"unreadable value on line {LinesRead}: {ex.Message}", LinesRead);
                }
            }

            LinesRead = before + count;
        }

        public List<(string Key, IReadOnlyList<ItemOutcome> Items)> Metrics() => order
            .Where(key => accumulators[key].Usable && accumulators[key].Count > 0)
            .Select(key => (Key: key, Items: (IReadOnlyList<ItemOutcome>)accumulators[key].ToOutcomes()))
            .ToList();

        /// <summary>
        /// What <see cref="ReadLine"/> does, from a line the fast scan read. <see cref="keyed"/> finds a metric's items by
        /// its name and filter (the same few strings on every line) without making its key string per line.
        /// </summary>
        private void Apply(ScannedLines lines, in ScannedSample scanned, ReadOnlyMemory<byte> line)
        {
            foreach (var (name, score) in lines.Scores(scanned))
            {
                var filter = commaKeys ? scanned.Filter : string.Empty;
                if (!keyed.TryGetValue((name, filter), out var accumulator))
                {
                    keyed[(name, filter)] = accumulator = ItemsOf(commaKeys ? $"{name},{filter}" : name, accumulators, order);
                }

                if (score is { } value)
                {
                    accumulator.Add(scanned.Id, value, null, accumulator.WantsExcerpt(scanned.Id) ? ScannedExcerpt(line, scanned, excerptChars) : null);
                }
                else
                {
                    accumulator.Usable = false;
                }
            }
        }
    }

    private static void ReadLine(string path, long lineNumber, JsonElement line, bool commaKeys, IReadOnlySet<string>? resultsMetrics,
        Dictionary<string, SampleItems> accumulators, List<string> order, string? clusterBy, int excerptChars)
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
            var accumulator = ItemsOf(key, accumulators, order);
            var score = line.TryGetProperty(name, out var value) ? Score(value) : null;
            if (score is null)
            {
                accumulator.Usable = false; // e.g. micro_f1's [[gold],[pred]]: a corpus-level metric, not a per-item score
            }
            else
            {
                var excerpt = accumulator.WantsExcerpt(id) ? Excerpt(Field(line, "doc"), Field(line, "target"), Field(line, "filtered_resps"), excerptChars) : null;
                accumulator.Add(id, score.Value, cluster, excerpt);
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

    private static SampleItems ItemsOf(string key, Dictionary<string, SampleItems> accumulators, List<string> order)
    {
        if (!accumulators.TryGetValue(key, out var accumulator))
        {
            accumulators[key] = accumulator = new SampleItems();
            order.Add(key);
        }

        return accumulator;
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

    private static JsonElement? Field(JsonElement line, string name) => line.TryGetProperty(name, out var value) ? value : null;

    /// <summary>The excerpt of a line the fast scan read: only its doc, target and filtered_resps values are parsed.</summary>
    private static ItemExcerpt? ScannedExcerpt(ReadOnlyMemory<byte> line, in ScannedSample scan, int chars)
    {
        if (chars <= 0)
        {
            return null;
        }

        using var doc = Parse(line, scan.Doc);
        using var target = Parse(line, scan.Target);
        using var answer = Parse(line, scan.Answer);
        return Excerpt(doc?.RootElement, target?.RootElement, answer?.RootElement, chars);
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> line, (int Start, int Length) range) =>
        range.Length == 0 ? null : JsonDocument.Parse(line.Slice(range.Start, range.Length));

    /// <summary>
    /// What the item asked, expected and answered: the question of its <c>doc</c> (the dataset row; the prompt in
    /// <c>arguments</c> starts with its few-shot examples, so its head would show those instead), the target, and the
    /// filtered response. A multiple-choice task's response is one log-likelihood per choice: the answer is the index
    /// of the likeliest, which is how its target is written too.
    /// </summary>
    private static ItemExcerpt? Excerpt(JsonElement? doc, JsonElement? target, JsonElement? answer, int chars)
    {
        if (chars <= 0)
        {
            return null;
        }

        return ItemExcerpt.Of(chars, doc is { } d ? Question(d, chars) : null, target is { } t ? ItemExcerpt.Text(t, chars) : null, answer is { } a ? Answer(a, chars) : null);
    }

    private static readonly string[] QuestionFields = ["question", "problem", "query", "prompt", "input", "Question", "text", "sentence", "goal", "ctx", "context"];

    private static string? Question(JsonElement doc, int chars)
    {
        if (doc.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in QuestionFields)
            {
                if (doc.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }

        return ItemExcerpt.Text(doc, chars);
    }

    private static string? Answer(JsonElement responses, int chars)
    {
        if (responses.ValueKind == JsonValueKind.Array && responses.GetArrayLength() > 1
            && responses.EnumerateArray().All(r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == 2 && LogLikelihood(r[0]) is not null))
        {
            var best = 0;
            var max = double.NegativeInfinity;
            var i = 0;
            foreach (var choice in responses.EnumerateArray())
            {
                if (LogLikelihood(choice[0]) is { } ll && ll > max)
                {
                    (best, max) = (i, ll);
                }

                i++;
            }

            return best.ToString(CultureInfo.InvariantCulture);
        }

        // A loglikelihood task of one continuation (the target): [[log-likelihood, is-greedy]].
        if (responses.ValueKind == JsonValueKind.Array && responses.GetArrayLength() == 1 && responses[0] is { ValueKind: JsonValueKind.Array } pair
            && pair.GetArrayLength() == 2 && LogLikelihood(pair[0]) is { } single)
        {
            return string.Create(CultureInfo.InvariantCulture, $"log-likelihood of the target {single:G4}, greedy {ItemExcerpt.Text(pair[1], chars)}");
        }

        return ItemExcerpt.Text(responses, chars);
    }

    /// <summary>A log-likelihood as the harness writes it: a number, or a number in a string.</summary>
    private static double? LogLikelihood(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    private static DocId ReadId(string path, long lineNumber, JsonElement line)
    {
        if (line.TryGetProperty("doc_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
            {
                return DocId.Of(number);
            }

            if (id.ValueKind == JsonValueKind.String)
            {
                return DocId.Of(id.GetString()!);
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
}
