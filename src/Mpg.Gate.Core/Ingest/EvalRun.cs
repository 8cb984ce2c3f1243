namespace Mpg.Gate.Ingest;

/// <summary>One model's evaluation outputs, read from one or more files of one harness run.</summary>
/// <param name="Model">The model name as the tool wrote it (lm-eval: <c>model_name</c>, else <c>pretrained=</c> of <c>model_args</c>).</param>
/// <param name="Benchmarks">Every task the files hold, groups included, in file order.</param>
/// <param name="Timing">Run-level wall time and the items it covered, where the tool recorded it.</param>
/// <param name="Files">The files read, as given.</param>
public sealed record EvalRun(
    string Model,
    IReadOnlyList<BenchmarkResult> Benchmarks,
    RunTiming? Timing,
    IReadOnlyList<string> Files)
{
    /// <summary>What the reader wants the user to know about the data, e.g. a cancelled log counted as far as it got.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public BenchmarkResult? Find(string name) =>
        Benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// Wall time of a run and the number of items scored in it (leaf tasks only, groups not double-counted),
/// with total cost (in the tool's currency, usually USD) and tokens where the tool recorded them.
/// </summary>
public sealed record RunTiming(double WallSeconds, long Items, double? Cost = null, long? Tokens = null);

/// <summary>One task (benchmark) of a run. A group (e.g. <c>mmlu</c>) lists its subtasks and counts their items.</summary>
/// <param name="Name">Task name as the harness names it.</param>
/// <param name="Subtasks">Direct subtasks for a group; empty for a plain task.</param>
/// <param name="Metrics">Every accuracy-like metric of the task (values in [0,1]), in file order.</param>
/// <param name="File">The file this task came from (the samples file where samples won).</param>
/// <param name="Timing">This task's own wall time, items, cost and tokens, where the tool records them per task.</param>
public sealed record BenchmarkResult(
    string Name,
    IReadOnlyList<string> Subtasks,
    IReadOnlyList<MetricResult> Metrics,
    string File,
    RunTiming? Timing = null)
{
    /// <summary>Metrics the file has that cannot be scored (a value outside [0,1], a string, NaN), so an error can say what it found.</summary>
    public IReadOnlyList<UnusableMetric> Unusable { get; init; } = [];

    /// <summary>Every metric the file has, scoreable or not, for messages: <c>acc,none</c>, <c>mae,none = 3.7</c>.</summary>
    public string MetricList() =>
        Metrics.Count + Unusable.Count == 0
            ? "none"
            : string.Join(", ", Metrics.Select(m => m.Key).Concat(Unusable.Select(u => $"{u.Key} = {u.Value}")));

    /// <summary>How the benchmark was run, as the tool recorded it (<see cref="RunSettings"/>); empty where it records nothing.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>A metric that is no proportion in [0,1]: its key, the value found as written, and the file that holds it.</summary>
public sealed record UnusableMetric(string Key, string Value, string File)
{
    public string Name => Key.Split(',')[0];
}

/// <summary>Where a metric's counts came from.</summary>
public enum MetricSource
{
    /// <summary>An aggregate in a results file (accuracy × item count, or n estimated from stderr).</summary>
    Results,

    /// <summary>Per-item outcomes in a samples file.</summary>
    Samples,
}

/// <summary>
/// One metric of a task as counts: <paramref name="N"/> scored items and success mass <paramref name="Successes"/>
/// (the number correct, or the sum of per-item scores in [0,1] for graded metrics).
/// </summary>
/// <param name="Key">The metric as the tool keys it, e.g. <c>acc,none</c> or <c>exact_match,strict-match</c> (lm-eval v0.4), <c>acc</c> (v0.3).</param>
/// <param name="Value">The reported aggregate (accuracy), where the file gave one.</param>
/// <param name="NEstimated">True when N was estimated from the standard error (legacy files with no counts).</param>
/// <param name="Items">Per-item outcomes ordered by id, where a samples file gave them.</param>
public sealed record MetricResult(
    string Key,
    int N,
    double Successes,
    bool NEstimated,
    MetricSource Source,
    double? Value,
    IReadOnlyList<ItemOutcome>? Items)
{
    /// <summary>Where <see cref="NEstimated"/>, how and how far to trust it (a graded metric's stderr is not binomial).</summary>
    public string? NEstimatedReason { get; init; }

    /// <summary>A metric counted from its items: n items, the sum of their scores, no value without an item.</summary>
    public static MetricResult FromItems(string key, IReadOnlyList<ItemOutcome> items)
    {
        // A buffer's columns are summed as they are: made one at a time, each outcome would make its id a string.
        var sum = items is ItemColumns columns ? columns.Scores.Sum() : items.Sum(o => o.Score);
        return new MetricResult(key, items.Count, sum, false, MetricSource.Samples, items.Count > 0 ? sum / items.Count : null, items);
    }

    /// <summary>The metric name without the lm-eval filter suffix: <c>acc,none</c> → <c>acc</c>.</summary>
    public string Name => Key.Split(',')[0];

    /// <summary>The lm-eval filter (<c>none</c> where the key has none).</summary>
    public string Filter => Key.Contains(',', StringComparison.Ordinal) ? Key[(Key.IndexOf(',', StringComparison.Ordinal) + 1)..] : "none";
}

/// <summary>
/// One item's outcome: a stable id (lm-eval: <c>doc_id</c>) and its score in [0,1], repeats already averaged;
/// where the tool records them, the item's latency, cost and tokens, and the cluster it belongs to
/// (a passage, a subject: the policy's <c>cluster_by</c>). Where the item was answered several times (epochs,
/// repeats), <paramref name="Repeats"/> says how often and the range of its scores; <paramref name="Excerpt"/> what it
/// asked and answered (the first answer where it was asked several times).
/// </summary>
public readonly record struct ItemOutcome(
    string Id,
    double Score,
    double? LatencyMs = null,
    double? Cost = null,
    long? Tokens = null,
    string? Cluster = null,
    RepeatRange? Repeats = null,
    ItemExcerpt? Excerpt = null);

/// <summary>An item answered <paramref name="K"/> times (K ≥ 2), its lowest and highest score: they differ where the repeats disagree.</summary>
public readonly record struct RepeatRange(int K, double Min, double Max)
{
    /// <summary>The range after one more answer; <paramref name="previous"/> is null before the second.</summary>
    public static RepeatRange Add(RepeatRange? previous, double first, double score) =>
        previous is { } r ? new(r.K + 1, Math.Min(r.Min, score), Math.Max(r.Max, score)) : new(2, Math.Min(first, score), Math.Max(first, score));
}
