using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using static Mpg.Gate.Ingest.JsonFields;

namespace Mpg.Gate.Ingest;

/// <summary>
/// UK AISI Inspect (inspect_ai) logs: <c>.json</c> logs and <c>.eval</c> logs (a zip of header.json and samples/*.json),
/// log format versions 1, 2 and later. One benchmark per log (its task, or the policy's <c>benchmark:</c>); items are
/// samples, epochs averaged per sample; scores as numbers, booleans or the grades C/I/P/N.
/// </summary>
public sealed class InspectReader : IEvalReader
{
    public static InspectReader Instance { get; } = new();

    public InputFormat Format => InputFormat.Inspect;

    public bool Detects(FileSniff sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        return sniff.IsZip
            ? sniff.ZipEntries is not { } entries || entries.Any(e => e is "header.json" or "_journal/start.json")
            : sniff.HasJsonKey("eval") && (sniff.HasJsonKey("version") || sniff.HasJsonKey("status"));
    }

    public IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var logs = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f =>
        {
            var log = Load(f, options);
            options.Progress?.Report(new FileInfo(f).Length);
            return log;
        }).ToList();
        return logs.GroupBy(l => l.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Run(g.Key, g.ToList()))
            .ToList();
    }

    private static EvalRun Run(string model, List<InspectLog> logs)
    {
        // Sorted by file name (Inspect names logs by start time), a later log of the same task wins.
        var byTask = new Dictionary<string, InspectLog>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var log in logs)
        {
            if (byTask.TryAdd(log.Benchmark.Name, log))
            {
                order.Add(log.Benchmark.Name);
            }
            else
            {
                byTask[log.Benchmark.Name] = log;
            }
        }

        var kept = order.Select(t => byTask[t]).ToList();
        var timings = kept.Select(l => l.Benchmark.Timing).ToList();
        var timing = timings.All(t => t is not null)
            ? new RunTiming(timings.Sum(t => t!.WallSeconds), timings.Sum(t => t!.Items), Sum(timings.Select(t => t!.Cost)), (long?)Sum(timings.Select(t => (double?)t!.Tokens)))
            : null;
        return new EvalRun(model, kept.Select(l => l.Benchmark).ToList(), timing, logs.Select(l => l.Benchmark.File).ToList())
        {
            Notes = kept.SelectMany(l => l.Notes).ToList(),
        };
    }

    private static double? Sum(IEnumerable<double?> values)
    {
        double? total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }

    private sealed record InspectLog(string Model, BenchmarkResult Benchmark, IReadOnlyList<string> Notes);

    private static InspectLog Load(string file, ReadOptions options)
    {
        try
        {
            return FileSniff.Of(file).IsZip ? LoadEval(file, options) : LoadJson(file, options);
        }
        catch (Exception ex) when (JsonInput.IsValueError(ex))
        {
            throw new InputException(file, $"unreadable value: {ex.Message}");
        }
    }

    private static InspectLog LoadJson(string file, ReadOptions options)
    {
        // Pass 1 reads the log without its samples; pass 2 streams them one document at a time.
        using var doc = JsonArrayStream.ReadWithout(file, SamplesPath);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "not an Inspect log (expected a JSON object)");
        }

        var hasSamples = root.TryGetProperty("samples", out var list) && list.ValueKind == JsonValueKind.Array;
        if (list.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Array))
        {
            throw new InputException(file, $"\"samples\" is {list.ValueKind}, expected a list of samples");
        }

        return Build(file, root, hasSamples ? StreamedSamples(file) : null, options);
    }

    private static readonly string[] SamplesPath = ["samples"];

    private static IEnumerable<JsonElement> StreamedSamples(string file)
    {
        foreach (var sample in JsonArrayStream.Elements(file, SamplesPath))
        {
            yield return sample.RootElement;
        }
    }

    private static InspectLog LoadEval(string file, ReadOptions options)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(file);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InputException(file, $"not a readable .eval (zip) log: {ex.Message}");
        }

        using (zip)
        {
            try
            {
                return LoadEntries(file, zip, options);
            }
            catch (InvalidDataException ex)
            {
                // The central directory and each entry are read lazily: a corrupt archive shows itself here, not at open.
                throw new InputException(file, $"a corrupt .eval (zip) log: {ex.Message}");
            }
        }
    }

    private static InspectLog LoadEntries(string file, ZipArchive zip, ReadOptions options)
    {
        var header = zip.GetEntry("header.json") ?? zip.GetEntry("_journal/start.json")
            ?? throw new InputException(file, "an .eval log without header.json or _journal/start.json");
        using var head = Entry(file, header);
        var sampleEntries = zip.Entries
            .Where(e => e.FullName.StartsWith("samples/", StringComparison.Ordinal) && e.FullName.EndsWith(".json", StringComparison.Ordinal))
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .ToList();

        // One sample document at a time: an .eval log's memory is one sample, never the archive.
        IEnumerable<JsonElement> Samples()
        {
            foreach (var entry in sampleEntries)
            {
                using var sample = Entry(file, entry);
                yield return sample.RootElement;
            }
        }

        return Build(file, head.RootElement, sampleEntries.Count > 0 ? Samples() : null, options);
    }

    private const long MaxEntryBytes = 256L << 20;

    private static JsonDocument Entry(string file, ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            for (var read = stream.Read(chunk); read > 0; read = stream.Read(chunk))
            {
                // A zip bomb (a small entry inflating to gigabytes) stops here, not when memory runs out.
                if (buffer.Length + read > MaxEntryBytes)
                {
                    throw new InputException(file, $"{entry.FullName} in the .eval log inflates beyond {MaxEntryBytes >> 20} MiB; no Inspect sample is that large");
                }

                buffer.Write(chunk, 0, read);
            }

            return JsonDocument.Parse(NonFiniteJson.Neutralise(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)));
        }
        catch (JsonException ex)
        {
            throw new InputException(file, $"{entry.FullName} in the .eval log is malformed JSON: {JsonErrorText.Of(ex)}");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InputException(file, $"{entry.FullName} in the .eval log cannot be read: {ex.Message}");
        }
    }

    private static InspectLog Build(string file, JsonElement root, IEnumerable<JsonElement>? samples, ReadOptions options)
    {
        if (!root.TryGetProperty("eval", out var spec) || spec.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "not an Inspect log (no \"eval\" object)");
        }

        var model = Text(spec, "model") ?? throw new InputException(file, "Inspect log without \"eval.model\"");
        var task = options.Benchmark ?? Text(spec, "task") ?? throw new InputException(file, "Inspect log without \"eval.task\"");
        var status = Text(root, "status") ?? "success";
        var results = root.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var scorers = ScorerNames(spec, results);
        var notes = new List<string>();

        var metrics = samples is null ? null : FromSamples(file, samples, scorers, options, notes);
        if (metrics is null)
        {
            metrics = FromResults(file, results, scorers, options);
        }

        if (status != "success")
        {
            var total = Int(results, "total_samples");
            notes.Add($"{Path.GetFileName(file)}: Inspect log status \"{status}\"; counted the {metrics[0].N} completed sample(s)"
                + (total is { } t ? $" of {t}" : ""));
        }

        return new InspectLog(model, new BenchmarkResult(task, [], metrics, file, Timing(root, metrics[0].N)) { Settings = RunSettings.Inspect(spec) }, notes);
    }

    /// <summary>Scorer names in the log's order: results.scores (v2), results.scorer (v1), eval.scorers.</summary>
    private static List<string> ScorerNames(JsonElement spec, JsonElement results)
    {
        var names = new List<string>();
        if (results.ValueKind == JsonValueKind.Object && results.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(scores.EnumerateArray().Select(s => Text(s, "name")).OfType<string>());
        }
        else if (results.ValueKind == JsonValueKind.Object && results.TryGetProperty("scorer", out var scorer) && Text(scorer, "name") is { } name)
        {
            names.Add(name);
        }

        if (names.Count == 0 && spec.TryGetProperty("scorers", out var declared) && declared.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(declared.EnumerateArray().Select(s => Text(s, "name")).OfType<string>());
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<MetricResult>? FromSamples(string file, IEnumerable<JsonElement> samples, List<string> scorers, ReadOptions options, List<string> notes)
    {
        var perScorer = new Dictionary<string, ItemBuffer>(StringComparer.Ordinal);
        var unusable = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        var errored = 0;
        var index = 0;
        foreach (var sample in samples)
        {
            index++;
            if (sample.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, $"sample {index} is not a JSON object");
            }

            seen++;
            var id = Id(sample) ?? throw new InputException(file, $"sample {index} has no \"id\"");

            var latency = Number(sample, "total_time") ?? Number(sample, "working_time");
            var (tokens, cost) = Usage(sample);
            var values = SampleScores(sample, scorers.Count > 0 ? scorers[0] : "score");
            if (values.Count == 0)
            {
                errored++;
                if (!options.ExcludeErrors)
                {
                    foreach (var scorer in scorers.Where(s => !unusable.Contains(s)))
                    {
                        Add(perScorer, scorer, id, 0, latency, cost, tokens);
                    }
                }

                continue;
            }

            foreach (var (scorer, value) in values)
            {
                if (!scorers.Contains(scorer))
                {
                    scorers.Add(scorer);
                }

                var entry = Entry(file, id, scorer, value, options.Value, scorer == Chosen(file, scorers, options));
                var score = entry is { } picked ? Score(picked, options.Partial) : null;
                if (score is null)
                {
                    if (scorer == Chosen(file, scorers, options))
                    {
                        throw new InputException(file, $"sample {id}: scorer '{scorer}' gave {Describe(entry ?? value)}" + (options.Value is { } key && value.ValueKind == JsonValueKind.Object ? $" for '{key}'" : "") + ", expected a number in [0,1], a boolean or C/I/P/N");
                    }

                    unusable.Add(scorer); // not per-item scorable; left out unless chosen
                    continue;
                }

                if (!unusable.Contains(scorer))
                {
                    Add(perScorer, scorer, id, score.Value, latency, cost, tokens);
                }
            }
        }

        if (seen == 0)
        {
            return null;
        }

        if (scorers.Count == 0)
        {
            throw new InputException(file, "the log has samples but no scorer: nothing to count");
        }

        if (errored > 0)
        {
            notes.Add($"{Path.GetFileName(file)}: {errored} sample(s) without a score (errored) " + (options.ExcludeErrors ? "left out" : "counted as failures"));
        }

        var chosen = Chosen(file, scorers, options);
        if (!perScorer.TryGetValue(chosen, out var chosenItems) || chosenItems.Count == 0)
        {
            throw new InputException(file, $"no sample has a score from scorer '{chosen}'");
        }

        var metrics = new List<MetricResult> { chosenItems.ToMetric("accuracy") };
        metrics.AddRange(scorers.Where(s => !unusable.Contains(s) && perScorer.TryGetValue(s, out var items) && items.Count > 0).Select(s => perScorer[s].ToMetric(s)));
        return metrics;
    }

    private static void Add(Dictionary<string, ItemBuffer> perScorer, string scorer, string id, double score, double? latencySeconds, double? cost, double? tokens)
    {
        if (!perScorer.TryGetValue(scorer, out var items))
        {
            perScorer[scorer] = items = new ItemBuffer();
        }

        items.Add(id, score, latencySeconds * 1000, cost, tokens, null);
    }

    private static string Chosen(string file, List<string> scorers, ReadOptions options)
    {
        if (options.Scorer is not { } wanted)
        {
            return scorers[0];
        }

        return scorers.Contains(wanted)
            ? wanted
            : throw new InputException(file, $"no scorer '{wanted}' in this log; it has: {string.Join(", ", scorers)}"
                + (DidYouMeanText(wanted, scorers) is { } hint ? $" ({hint})" : ""));
    }

    private static string? DidYouMeanText(string wanted, List<string> scorers) =>
        DidYouMean.Closest(wanted, scorers) is { } close ? $"did you mean '{close}'?" : null;

    /// <summary>Without samples: the chosen scorer's accuracy × completed samples, from the log's results.</summary>
    private static List<MetricResult> FromResults(string file, JsonElement results, List<string> scorers, ReadOptions options)
    {
        if (results.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "the log has no samples and no results (the run did not finish or logged nothing)");
        }

        if (scorers.Count == 0)
        {
            throw new InputException(file, "the log has no scorer: nothing to count");
        }

        var chosen = Chosen(file, scorers, options);
        var n = Count(file, results, "completed_samples") ?? Count(file, results, "total_samples")
            ?? throw new InputException(file, "the log has no samples and no \"completed_samples\" count");
        JsonElement entry = default;
        if (results.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Array)
        {
            entry = scores.EnumerateArray().FirstOrDefault(s => Text(s, "name") == chosen);
            n = Count(file, entry, "scored_samples") ?? n;
        }
        else if (results.TryGetProperty("scorer", out var scorer))
        {
            entry = results; // v1: { scorer: {...}, metrics: {...} }
            _ = scorer;
        }

        var accuracy = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object
            && m.TryGetProperty("accuracy", out var acc) && acc.ValueKind == JsonValueKind.Object ? Number(acc, "value") : null;
        if (accuracy is not (>= 0 and <= 1))
        {
            throw new InputException(file, $"the log has no samples and scorer '{chosen}' has no accuracy in [0,1] in its results");
        }

        return [new MetricResult("accuracy", n, accuracy.Value * n, false, MetricSource.Results, accuracy, null)];
    }

    /// <summary>A sample's scores by scorer: <c>scores</c> (v2 on) or the single <c>score</c> of v1 logs.</summary>
    private static List<(string Scorer, JsonElement Value)> SampleScores(JsonElement sample, string singleScorer)
    {
        var list = new List<(string, JsonElement)>();
        if (sample.TryGetProperty("scores", out var scores) && scores.ValueKind == JsonValueKind.Object)
        {
            foreach (var scorer in scores.EnumerateObject())
            {
                if (scorer.Value.ValueKind == JsonValueKind.Object && scorer.Value.TryGetProperty("value", out var value))
                {
                    list.Add((scorer.Name, value));
                }
            }
        }
        else if (sample.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Object && score.TryGetProperty("value", out var value))
        {
            list.Add((singleScorer, value));
        }

        return list;
    }

    /// <summary>
    /// The value to score: the score's value, or where it is a mapping (research scorers return several judgements,
    /// <c>{"faithful": false, "state_correct": true}</c>), the entry the input's <c>value:</c> names. Null where a
    /// mapping lacks that entry or no entry is named; for the chosen scorer that is an error that lists the keys.
    /// </summary>
    private static JsonElement? Entry(string file, string id, string scorer, JsonElement value, string? key, bool chosen)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        if (key is not null && value.TryGetProperty(key, out var entry))
        {
            return entry;
        }

        if (!chosen)
        {
            return null;
        }

        var keys = value.EnumerateObject().Select(p => p.Name).ToList();
        throw new InputException(
            file,
            key is null
                ? $"sample {id}: scorer '{scorer}' gives a mapping of values ({string.Join(", ", keys)}); pick the one to count with 'value: {keys.FirstOrDefault() ?? "KEY"}' on the input"
                : $"sample {id}: scorer '{scorer}' has no value '{key}'; it has: {string.Join(", ", keys)}"
                    + (DidYouMean.Closest(key, keys) is { } close ? $" (did you mean '{close}'?)" : ""));
    }

    /// <summary>Inspect's value_to_float: C = 1, I = 0, P = partial, N (no answer) = 0; numbers in [0,1]; booleans.</summary>
    private static double? Score(JsonElement value, double partial)
    {
        double? score = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.String => value.GetString()!.Trim() switch
            {
                "C" or "correct" or "yes" or "true" => 1,
                "I" or "incorrect" or "no" or "false" or "N" => 0,
                "P" or "partial" => partial,
                var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            },
            _ => null,
        };
        return score is >= 0 and <= 1 ? score : null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "a mapping of values",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static RunTiming? Timing(JsonElement root, int items)
    {
        if (!root.TryGetProperty("stats", out var stats) || stats.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var (tokens, cost) = Usage(stats);
        if (Time(stats, "started_at") is not { } start || Time(stats, "completed_at") is not { } end || end < start)
        {
            return null;
        }

        return new RunTiming((end - start).TotalSeconds, items, cost, (long?)tokens);
    }

    /// <summary>Tokens and cost summed over <c>model_usage</c>'s models, where present.</summary>
    private static (double? Tokens, double? Cost) Usage(JsonElement owner)
    {
        if (!owner.TryGetProperty("model_usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        double? tokens = null;
        double? cost = null;
        foreach (var model in usage.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object))
        {
            if (Number(model.Value, "total_tokens") is { } t)
            {
                tokens = (tokens ?? 0) + t;
            }

            if (Number(model.Value, "total_cost") is { } c)
            {
                cost = (cost ?? 0) + c;
            }
        }

        return (tokens, cost);
    }

    private static DateTimeOffset? Time(JsonElement owner, string name) =>
        Text(owner, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static string? Id(JsonElement sample) =>
        sample.TryGetProperty("id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;


    /// <summary>An item count the results give: absent is null; anything but a whole number ≥ 0 is a corrupt log, never a guess.</summary>
    private static int? Count(string file, JsonElement owner, string name)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Int(owner, name) ?? throw new InputException(file, $"\"{name}\" is {value.GetRawText()}, expected a whole number of samples");
    }
}
