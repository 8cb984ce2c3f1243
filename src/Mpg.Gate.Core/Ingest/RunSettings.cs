using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mpg.Gate.Ingest;

/// <summary>
/// What a run records about how a benchmark was run, as (setting, value) text, so two runs can be compared for
/// being run alike (<c>differences[]</c> in the verdict). Names are the contract's: <c>num_fewshot</c>,
/// <c>task_version</c>, <c>dataset</c>, <c>items</c>, <c>scorer</c>, <c>repeats</c>, <c>temperature</c>,
/// <c>max_tokens</c>, <c>prompt</c>, <c>generation</c>, <c>filters</c>, <c>tool_version</c>.
/// </summary>
public static partial class RunSettings
{
    public const string NumFewshot = "num_fewshot";
    public const string TaskVersion = "task_version";
    public const string Dataset = "dataset";
    public const string Items = "items";
    public const string Scorer = "scorer";
    public const string Repeats = "repeats";
    public const string Temperature = "temperature";
    public const string MaxTokens = "max_tokens";
    public const string Prompt = "prompt";
    public const string Generation = "generation";
    public const string Filters = "filters";
    public const string ToolVersion = "tool_version";
    public const string Model = "model";

    /// <summary>Settings that change what is measured: a difference in one makes Δ meaningless (fails closed unless <c>gate.comparability: warn</c>).</summary>
    public static readonly IReadOnlySet<string> Measurement = new HashSet<string>(StringComparer.Ordinal) { Dataset, Items, Scorer, TaskVersion, Repeats };

    /// <summary>lm-evaluation-harness v0.4 results: <c>n-shot</c>, <c>versions</c>, <c>task_hashes</c>, the task's <c>configs</c>.</summary>
    internal static Dictionary<string, string> LmEval(JsonElement root, string task)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(settings, NumFewshot, Scalar(Entry(root, "n-shot", task)));
        Put(settings, TaskVersion, Scalar(Entry(root, "versions", task)));
        Put(settings, Items, Scalar(Entry(root, "task_hashes", task)));
        Put(settings, ToolVersion, Text(root, "lm_eval_version") ?? Text(root, "git_hash"));
        if (Entry(root, "configs", task) is not { ValueKind: JsonValueKind.Object } config)
        {
            return settings;
        }

        Put(settings, Dataset, Join(Text(config, "dataset_path"), Text(config, "dataset_name"), Text(config, "test_split")));
        Put(settings, Repeats, Scalar(config, "repeats"));
        Put(settings, Scorer, config.TryGetProperty("metric_list", out var metrics) && metrics.ValueKind == JsonValueKind.Array
            ? string.Join(", ", metrics.EnumerateArray().Select(m => Text(m, "metric")).OfType<string>())
            : null);
        Put(settings, Filters, config.TryGetProperty("filter_list", out var filters) ? Canonical(filters) : null);
        var fewshotText = config.TryGetProperty("fewshot_config", out var fewshot) && fewshot.ValueKind == JsonValueKind.Object ? Text(fewshot, "doc_to_text") : null;
        Put(settings, Prompt, Join(Text(config, "description"), Text(config, "doc_to_text"), fewshotText, Text(config, "target_delimiter")));
        if (config.TryGetProperty("generation_kwargs", out var generation) && generation.ValueKind == JsonValueKind.Object)
        {
            Put(settings, Temperature, Scalar(generation, "temperature"));
            Put(settings, MaxTokens, Scalar(generation, "max_gen_toks") ?? Scalar(generation, "max_tokens"));
            Put(settings, Generation, Canonical(generation));
        }

        return settings;
    }

    /// <summary>Inspect: <c>eval.task_version</c>, the dataset, <c>config.epochs</c>, the generate config, the scorers, the Inspect version.</summary>
    internal static Dictionary<string, string> Inspect(JsonElement spec)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(settings, TaskVersion, Scalar(spec, "task_version"));
        if (spec.TryGetProperty("dataset", out var dataset) && dataset.ValueKind == JsonValueKind.Object)
        {
            Put(settings, Dataset, Join(Text(dataset, "name"), Text(dataset, "location")));
            Put(settings, Items, Scalar(dataset, "samples"));
        }

        if (spec.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            Put(settings, Repeats, Scalar(config, "epochs"));
        }

        if (spec.TryGetProperty("model_generate_config", out var generate) && generate.ValueKind == JsonValueKind.Object)
        {
            Put(settings, Temperature, Scalar(generate, "temperature"));
            Put(settings, MaxTokens, Scalar(generate, "max_tokens"));
        }

        if (spec.TryGetProperty("scorers", out var scorers) && scorers.ValueKind == JsonValueKind.Array)
        {
            Put(settings, Scorer, string.Join(", ", scorers.EnumerateArray().Select(s => Text(s, "name")).OfType<string>()));
        }

        if (spec.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            Put(settings, ToolVersion, Text(packages, "inspect_ai"));
        }

        return settings;
    }

    private static void Put(Dictionary<string, string> settings, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            settings[name] = value;
        }
    }

    private static JsonElement? Entry(JsonElement root, string section, string task) =>
        root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(task, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? FunctionAddress().Replace(v.GetString()!, "$1>") : null;

    private static string? Scalar(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) ? Scalar(v) : null;

    private static string? Scalar(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.TryGetInt64(out var i) ? i.ToString(CultureInfo.InvariantCulture) : v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    private static string? Join(params string?[] parts) =>
        parts.Any(p => !string.IsNullOrWhiteSpace(p)) ? string.Join(" | ", parts.Where(p => !string.IsNullOrWhiteSpace(p))) : null;

    /// <summary>Compact JSON with Python function reprs cut to their name: the same config gives the same text.</summary>
    private static string Canonical(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return FunctionAddress().Replace(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), "$1>");
    }

    // "<function doc_to_text at 0x7d5febf3e8e0>": the address differs on every run of the same code, so it says nothing.
    [GeneratedRegex(@"(<function [^ >]+) at 0x[0-9a-f]+>")]
    private static partial Regex FunctionAddress();
}
