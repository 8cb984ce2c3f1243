using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static Mpg.Gate.Ingest.JsonFields;

namespace Mpg.Gate.Ingest;

/// <summary>
/// promptfoo's <c>promptfoo eval -o out.json</c> (results version 2 and 3). One run per provider (its label, else its
/// id); items are test cases, id'd by <c>testIdx</c> and a hash of the test's vars (so providers pair); <c>accuracy</c> from
/// <c>success</c>, <c>score</c> from the graded score. Errored items count as failures unless the policy excludes them.
/// </summary>
public sealed class PromptfooReader : IEvalReader
{
    // promptfoo's ResultFailureReason: 0 none, 1 assertion failed, 2 error.
    private const int FailureError = 2;

    private static readonly string[] ResultsPath = ["results", "results"];

    public static PromptfooReader Instance { get; } = new();

    public InputFormat Format => InputFormat.Promptfoo;

    public bool Detects(FileSniff sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        return sniff.HasJsonKey("results") && (sniff.HasJsonKey("evalId") || sniff.HasJsonKey("shareableUrl"))
            && !sniff.HasJsonKey("eval");
    }

    public IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var leaves = new Dictionary<(string Model, string Benchmark), (string File, ItemBuffer Pass, ItemBuffer Graded)>();
        var order = new List<(string Model, string Benchmark)>();
        var notes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Pass 1 reads the output without its results list; pass 2 streams the results one document at a time.
            using var doc = JsonArrayStream.ReadWithout(file, ResultsPath);
            try
            {
                ReadFile(file, doc.RootElement, options, leaves, order, notes);
                options.Progress?.Report(new FileInfo(file).Length);
            }
            catch (Exception ex) when (JsonInput.IsValueError(ex))
            {
                throw new InputException(file, $"unreadable value: {ex.Message}");
            }
        }

        return order.GroupBy(k => k.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EvalRun(g.Key, g.Select(k => Benchmark(k.Benchmark, leaves[k])).ToList(), null, files)
            {
                Notes = notes.TryGetValue(g.Key, out var n) ? n : [],
            })
            .ToList();
    }

    private static BenchmarkResult Benchmark(string name, (string File, ItemBuffer Pass, ItemBuffer Graded) leaf)
    {
        var metrics = new List<MetricResult> { leaf.Pass.ToMetric("accuracy") };
        if (leaf.Graded.Count == leaf.Pass.Count)
        {
            metrics.Add(leaf.Graded.ToMetric("score"));
        }

        return new BenchmarkResult(name, [], metrics, leaf.File);
    }

    private static void ReadFile(string file, JsonElement root,
        ReadOptions options,
        Dictionary<(string Model, string Benchmark), (string File, ItemBuffer Pass, ItemBuffer Graded)> leaves,
        List<(string Model, string Benchmark)> order,
        Dictionary<string, List<string>> notes)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var summary) || summary.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "not a promptfoo output (no \"results\" object)");
        }

        if (!summary.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(file, "promptfoo output without a \"results.results\" list (results version 2 or later expected)");
        }

        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var document in JsonArrayStream.Elements(file, ResultsPath))
        {
            var result = document.RootElement;
            index++;
            if (result.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, $"results.results[{index - 1}] is not an object");
            }

            var model = Provider(file, index - 1, result);
            if (options.Model is { } kept && kept != model)
            {
                continue;
            }

            var benchmark = options.Benchmark ?? PromptLabel(result) ?? Path.GetFileNameWithoutExtension(file);
            var success = result.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? s.GetBoolean()
                : throw new InputException(file, $"results.results[{index - 1}] has no boolean \"success\"");
            var errored = IsError(result);
            if (errored)
            {
                errors[model] = errors.GetValueOrDefault(model) + 1;
                if (options.ExcludeErrors)
                {
                    continue;
                }

                success = false;
            }

            var key = (model, benchmark);
            if (!leaves.TryGetValue(key, out var leaf))
            {
                leaves[key] = leaf = (file, new ItemBuffer(), new ItemBuffer());
                order.Add(key);
            }

            var id = ItemId(file, result, index - 1);
            var latency = Measure(file, result, index - 1, "latencyMs");
            var cost = Measure(file, result, index - 1, "cost");
            var tokens = Tokens(result);
            leaf.Pass.Add(id, success ? 1 : 0, latency, cost, tokens, null);
            var graded = errored ? 0 : Number(result, "score");
            if (graded is >= 0 and <= 1)
            {
                leaf.Graded.Add(id, graded.Value, latency, cost, tokens, null);
            }
        }

        if (index == 0)
        {
            throw new InputException(file, "\"results.results\" is empty: the eval ran no test");
        }

        foreach (var (model, count) in errors)
        {
            if (!notes.TryGetValue(model, out var list))
            {
                notes[model] = list = [];
            }

            list.Add($"{Path.GetFileName(file)}: {count} promptfoo result(s) errored, " + (options.ExcludeErrors ? "left out" : "counted as failures"));
        }
    }

    private static string Provider(string file, int index, JsonElement result)
    {
        if (result.TryGetProperty("provider", out var provider))
        {
            if (provider.ValueKind == JsonValueKind.String && provider.GetString() is { Length: > 0 } plain)
            {
                return plain;
            }

            if (provider.ValueKind == JsonValueKind.Object)
            {
                if (Text(provider, "label") is { Length: > 0 } label)
                {
                    return label;
                }

                if (Text(provider, "id") is { Length: > 0 } id)
                {
                    return id;
                }
            }
        }

        throw new InputException(file, $"results.results[{index}] has no provider (label or id)");
    }

    /// <summary>The prompt's label where it is a name (one short line); a label that is the whole prompt text is not.</summary>
    private static string? PromptLabel(JsonElement result) =>
        result.TryGetProperty("prompt", out var prompt) && Text(prompt, "label") is { Length: > 0 and <= 80 } label && !label.Contains('\n', StringComparison.Ordinal)
            ? label
            : null;

    /// <summary>An error, not a failed assertion: failureReason 2, or (files before failureReason) an error and no grading.</summary>
    private static bool IsError(JsonElement result)
    {
        if (Number(result, "failureReason") is { } reason)
        {
            return (int)reason == FailureError;
        }

        var hasError = result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0;
        var graded = result.TryGetProperty("gradingResult", out var grading) && grading.ValueKind == JsonValueKind.Object;
        return hasError && !graded;
    }

    /// <summary>
    /// The test case: its index and a hash of its vars (keys sorted), the same for every provider and across runs of
    /// the same tests. Not the prompt index: promptfoo numbers prompts per provider (gpt-4o-mini 0-3, gpt-4o 4-7), so it
    /// would keep two providers on the same tests from pairing. A test run under several prompts of one benchmark is
    /// one item, its outcomes averaged like repeats.
    /// </summary>
    private static string ItemId(string file, JsonElement result, int index)
    {
        var test = Number(result, "testIdx") is { } t ? (long)t : index;
        if (result.TryGetProperty("testIdx", out var given) && (Number(result, "testIdx") is not { } whole || whole < 0 || whole != Math.Floor(whole)))
        {
            // 0.5 would be cut to test 0 and merged with it as a repeat.
            throw new InputException(file, $"results.results[{index}].testIdx is {given.GetRawText()}, expected a whole number ≥ 0");
        }

        var vars = result.TryGetProperty("vars", out var v) ? v : result.TryGetProperty("testCase", out var tc) && tc.TryGetProperty("vars", out var tv) ? tv : default;
        if (vars.ValueKind == JsonValueKind.Undefined)
        {
            return FormattableString.Invariant($"t{test}");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Canonical(writer, vars);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..12];
        return FormattableString.Invariant($"t{test}/{hash}");
    }

    private static void Canonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Canonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Canonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static double? Tokens(JsonElement result)
    {
        foreach (var owner in new[] { result, result.TryGetProperty("response", out var r) ? r : default })
        {
            if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("tokenUsage", out var usage) && Number(usage, "total") is { } total)
            {
                return total;
            }
        }

        return null;
    }

    /// <summary>A latency or cost: absent or null is unknown; a string or a negative number is a corrupt file, not an unknown.</summary>
    private static double? Measure(string file, JsonElement result, int index, string name)
    {
        if (!result.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Number(result, name) is >= 0 and var measure
            ? measure
            : throw new InputException(file, $"results.results[{index}].{name} is {value.GetRawText()}, expected a number ≥ 0");
    }
}
