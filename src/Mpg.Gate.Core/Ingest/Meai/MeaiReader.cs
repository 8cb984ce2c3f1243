using System.Text.Json;
using static Mpg.Gate.Ingest.JsonFields;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Microsoft.Extensions.AI.Evaluation: the scenario run results its disk-based reporting store writes, one JSON per
/// scenario iteration (<c>results/&lt;execution&gt;/&lt;scenario&gt;/&lt;iteration&gt;.json</c>). Scenario → benchmark,
/// iteration → item, each metric → a metric of the benchmark. A metric without a usable value is an input error, never
/// a pass.
/// </summary>
public sealed class MeaiReader : IEvalReader
{
    public static MeaiReader Instance { get; } = new();

    public InputFormat Format => InputFormat.Meai;

    public bool Detects(FileSniff sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        return sniff.HasJsonKey("scenarioName") && sniff.HasJsonKey("evaluationResult");
    }

    public IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var leaves = new Dictionary<(string Model, string Scenario), Leaf>();
        var order = new List<(string Model, string Scenario)>();
        foreach (var file in files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            using var doc = JsonInput.LoadFile(file);
            try
            {
                ReadFile(file, doc.RootElement, options, leaves, order);
            }
            catch (Exception ex) when (JsonInput.IsValueError(ex))
            {
                throw new InputException(file, $"unreadable value: {ex.Message}");
            }

            options.Progress?.Report(new FileInfo(file).Length);
        }

        return order.GroupBy(k => k.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EvalRun(g.Key, g.Select(k => leaves[k].ToBenchmark(k.Scenario)).ToList(), null, files))
            .ToList();
    }

    private static void ReadFile(string file, JsonElement root, ReadOptions options, Dictionary<(string, string), Leaf> leaves, List<(string, string)> order)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "not a scenario run result (expected a JSON object)");
        }

        var scenario = options.Benchmark ?? Text(root, "scenarioName") ?? throw new InputException(file, "no \"scenarioName\"");
        var iteration = Text(root, "iterationName") ?? throw new InputException(file, "no \"iterationName\"");
        var model = options.Model ?? ModelOf(root) ?? Text(root, "executionName") ?? throw new InputException(file, "no model id (modelResponse.modelId) and no \"executionName\"");
        if (!root.TryGetProperty("evaluationResult", out var result) || result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, "no \"evaluationResult.metrics\" object");
        }

        var key = (model, scenario);
        if (!leaves.TryGetValue(key, out var leaf))
        {
            leaves[key] = leaf = new Leaf();
            order.Add(key);
        }

        var tokens = root.TryGetProperty("modelResponse", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("usage", out var usage) && Number(usage, "totalTokenCount") is { } total ? total : (double?)null;
        var count = 0;
        foreach (var metric in metrics.EnumerateObject())
        {
            count++;
            var score = Score(file, iteration, metric.Name, metric.Value);
            leaf.Add(file, metric.Name, iteration, score, tokens);
        }

        if (count == 0)
        {
            throw new InputException(file, $"iteration '{iteration}' of scenario '{scenario}' has no metrics");
        }
    }

    /// <summary>
    /// boolean → 1/0; numeric → a failed interpretation is 0, else the value where it lies in [0,1], else (a 1–5 style
    /// scale judged acceptable) 1; string → its interpretation. Anything else (no value, no interpretation for a value
    /// we cannot place, an evaluator error) is an input error.
    /// </summary>
    private static double Score(string file, string iteration, string name, JsonElement metric)
    {
        InputException Fail(string what) => new(file, $"iteration '{iteration}', metric '{name}': {what}");

        if (metric.ValueKind != JsonValueKind.Object)
        {
            throw Fail("not an object");
        }

        var type = Text(metric, "$type");
        var failed = metric.TryGetProperty("interpretation", out var interpretation) && interpretation.ValueKind == JsonValueKind.Object
            && interpretation.TryGetProperty("failed", out var f) && f.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? f.GetBoolean()
            : (bool?)null;
        var value = metric.TryGetProperty("value", out var v) ? v : default;
        switch (type)
        {
            case "boolean":
                return value.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => throw Fail("a boolean metric without a true/false value (the evaluator could not score it)"),
                };
            case "numeric":
                if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
                {
                    throw Fail("a numeric metric without a numeric value (the evaluator could not score it)");
                }

                var number = value.GetDouble();
                return failed switch
                {
                    true => 0,
                    _ when number is >= 0 and <= 1 => number,
                    false => 1,
                    null => throw Fail($"value {value.GetRawText()} is outside [0,1] and has no interpretation to say whether it passed"),
                };
            case "string":
                return failed switch
                {
                    true => 0,
                    false => 1,
                    null => throw Fail("a string metric without an interpretation cannot be counted"),
                };
            default:
                throw Fail($"a metric of type '{type ?? "(none)"}' has no value to count");
        }
    }

    private static string? ModelOf(JsonElement root) =>
        root.TryGetProperty("modelResponse", out var response) ? Text(response, "modelId") : null;


    private sealed class Leaf
    {
        private readonly Dictionary<string, ItemBuffer> metrics = new(StringComparer.Ordinal);
        private readonly List<string> order = [];
        private readonly Dictionary<string, string> iterations = new(StringComparer.Ordinal);

        public void Add(string file, string metric, string iteration, double score, double? tokens)
        {
            iterations.TryAdd(iteration, file);
            if (!metrics.TryGetValue(metric, out var items))
            {
                metrics[metric] = items = new ItemBuffer();
                order.Add(metric);
            }

            items.Add(iteration, score, null, null, tokens, null);
        }

        public BenchmarkResult ToBenchmark(string scenario)
        {
            var list = new List<MetricResult>();
            foreach (var name in order)
            {
                var outcomes = metrics[name].ToOutcomes();
                if (outcomes.Count != iterations.Count)
                {
                    var missing = iterations.Keys.Except(outcomes.Select(o => o.Id)).First();
                    throw new InputException(iterations[missing], $"scenario '{scenario}': metric '{name}' is missing from iteration '{missing}' (a missing metric is never a pass)");
                }

                list.Add(MetricResult.FromItems(name, outcomes));
            }

            if (list.Count == 1)
            {
                list.Add(list[0] with { Key = "accuracy" }); // one metric: it is the scenario's main one
            }

            return new BenchmarkResult(scenario, [], list, iterations.Values.First());
        }
    }
}
