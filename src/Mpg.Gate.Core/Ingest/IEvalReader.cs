using System.Text.Json.Serialization;

namespace Mpg.Gate.Ingest;

/// <summary>
/// Reads one eval tool's output files into <see cref="EvalRun"/>s, one per model. Every fault in a file (missing,
/// unreadable, malformed, or holding nothing to score) throws <see cref="InputException"/> naming the file.
/// </summary>
public interface IEvalReader
{
    /// <summary>The policy's <c>format:</c>, e.g. <c>inspect</c>.</summary>
    InputFormat Format { get; }

    /// <summary>True when the file's first bytes look like this format's output (detection by content, never by name).</summary>
    bool Detects(FileSniff sniff);

    /// <summary>Reads the files of one <c>inputs[]</c> entry; runs are ordered by model name.</summary>
    IReadOnlyList<EvalRun> Read(IReadOnlyList<string> files, ReadOptions options);
}

/// <summary>What an <c>inputs[]</c> entry tells a reader.</summary>
/// <param name="Benchmark">The leaf name for formats that do not name their benchmark (promptfoo, csv without a benchmark column).</param>
/// <param name="Model">The model to keep of a multi-model file, or the name of a file's only model where the file gives none.</param>
/// <param name="Scorer">Inspect: the scorer to count (default: the first).</param>
/// <param name="Partial">Inspect: the credit of a <c>P</c> (partial) grade.</param>
/// <param name="ExcludeErrors">Items that errored are left out instead of counted as failures.</param>
/// <param name="Value">Inspect: the entry to count of a scorer whose values are mappings (<c>{"faithful": false, "state_correct": true}</c>).</param>
/// <param name="Progress">Told the number of bytes each read of an input file returned (for a progress bar).</param>
/// <param name="ExcerptChars">Characters of each item's input, target, answer and reason to keep (<see cref="ItemExcerpt"/>); 0 keeps none.</param>
public sealed record ReadOptions(
    string? Benchmark = null,
    string? Model = null,
    string? Scorer = null,
    double Partial = 0.5,
    bool ExcludeErrors = false,
    IProgress<long>? Progress = null,
    string? ClusterBy = null,
    string? Value = null,
    int ExcerptChars = ItemExcerpt.DefaultChars)
{
    public static ReadOptions Default { get; } = new();
}

/// <summary>An input's <c>format:</c>, spelled as the policy spells it; <see cref="Auto"/> detects it by content.</summary>
[JsonConverter(typeof(SpelledEnumConverter<InputFormat>))]
public enum InputFormat
{
    [JsonStringEnumMemberName("lm-eval")]
    LmEval,
    Inspect,
    Promptfoo,
    Meai,
    Csv,
    Jsonl,
    Auto,
}

/// <summary>An input's <c>errors:</c>: items that errored count as failures, or are left out.</summary>
[JsonConverter(typeof(SpelledEnumConverter<ErrorsMode>))]
public enum ErrorsMode
{
    Fail,
    Exclude,
}
