using System.Text.Json.Serialization;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Comparison;

/// <summary>The gate's decision (<c>mpg.verdict/1</c>): every node compared, every rule judged.</summary>
public sealed record Verdict(
    string Schema,
    string Name,
    [property: JsonPropertyName("verdict")] VerdictResult Result,
    string CreatedAt,
    string ToolVersion,
    string Baseline,
    string BaselineModel,
    string CandidateModel,
    int Seed,
    int Samples,
    double Level,
    Correction Correction,
    IReadOnlyList<NodeComparison> Nodes,
    IReadOnlyList<RuleOutcome> Rules,
    FastnessComparison Fastness,
    DriftComparison? Drift = null,
    IReadOnlyList<TrendPoint>? Trend = null)
{
    public const string SchemaId = "mpg.verdict/1";

    public bool Passed => Result == VerdictResult.Pass;

    /// <summary>The gate failed (exit 1). An inconclusive verdict does not fail, but it is not a pass either.</summary>
    public bool Failed => Result == VerdictResult.Fail;

    /// <summary>What the two runs did not do alike (<see cref="RunDifferences"/>).</summary>
    public IReadOnlyList<Difference> Differences { get; init; } = [];

    /// <summary>
    /// For each node that failed against the baseline (regression, floor, pass-all) and has paired items: where it
    /// dropped and the first <c>report.examples</c> broken and fixed items (<see cref="Explainer"/>; <c>mpg explain</c> lists all).
    /// </summary>
    public IReadOnlyList<Explanation> Explanations { get; init; } = [];

    /// <summary>Where the gate went on without its history (<c>history_errors: warn</c>): the store, why, and what it did without; null when the history served.</summary>
    public HistoryOutage? HistoryOutage { get; init; }
}

/// <summary>
/// A history store that failed a gate under <c>history_errors: warn</c>: the store as it may be printed (never a password),
/// the fault, and what the gate went without. The first failure ends the run's use of the store; later uses are missed too.
/// </summary>
public sealed record HistoryOutage(string Store, string Message, IReadOnlyList<HistoryUse> Missed)
{
    /// <summary>Whether the run was meant to be recorded and was not.</summary>
    [JsonIgnore]
    public bool NotRecorded => Missed.Contains(HistoryUse.Record);

    /// <summary>What the gate went without, in words, in the order it went without them: "no trend is shown; this run was not recorded".</summary>
    [JsonIgnore]
    public string Consequences => string.Join("; ", Missed.Select(use => use switch
    {
        HistoryUse.Drift => "the drift rule saw no records and fails closed",
        HistoryUse.Trend => "no trend is shown",
        _ => "this run was not recorded",
    }));

    public HistoryOutage Also(HistoryUse use) => Missed.Contains(use) ? this : this with { Missed = [.. Missed, use] };
}

/// <summary>A gate's use of its history store: <c>drift</c> (the rule's window), <c>trend</c> (the report's chart), <c>record</c> (<c>--record</c>).</summary>
[JsonConverter(typeof(SpelledEnumConverter<HistoryUse>))]
public enum HistoryUse
{
    Drift,
    Trend,
    Record,
}

/// <summary>One setting the two runs recorded differently; <see cref="Benchmark"/> is null for the run as a whole (the model).</summary>
public sealed record Difference(string? Benchmark, string Setting, string Baseline, string Candidate, DifferenceKind Kind);

/// <summary><c>measurement</c>: what is measured differs (Δ is meaningless); <c>setup</c>: how the model was run differs.</summary>
[JsonConverter(typeof(SpelledEnumConverter<DifferenceKind>))]
public enum DifferenceKind
{
    Measurement,
    Setup,
}

/// <summary>One earlier record of the gate on the trend's branch: what the report's trend chart draws.</summary>
public sealed record TrendPoint(string Branch, string Commit, string RecordedAt, double Goodness);

/// <summary>The verdict as its JSON spells it (<see cref="Spelling"/>): <c>pass</c>, <c>fail</c> or <c>inconclusive</c>.</summary>
[JsonConverter(typeof(SpelledEnumConverter<VerdictResult>))]
public enum VerdictResult
{
    Pass,
    Fail,

    /// <summary>No rule failed, but a gated node is neither shown worse nor shown not worse (<c>gate.inconclusive: warn</c>).</summary>
    Inconclusive,
}

/// <summary>
/// The status of a node, and of a rule, as the verdict JSON spells it (<see cref="Spelling"/>). A new status is a
/// member here plus its rendering in <c>Reports/StatusText</c> and, where it fails a gate, its code in
/// <c>Reports/VerdictDiagnostics</c>: the compiler's switch warnings point at every place that must decide.
/// </summary>
[JsonConverter(typeof(SpelledEnumConverter<NodeStatus>))]
public enum NodeStatus
{
    Regression,
    Improvement,
    Unchanged,

    /// <summary>Neither P(Δ &lt; −margin) nor P(Δ ≥ −margin) reaches the confidence: too few items to know.</summary>
    Inconclusive,

    /// <summary>A required item (<c>gate.required</c>) correct in the baseline is wrong or absent in the candidate.</summary>
    Required,
    Floor,

    /// <summary>The candidate's pass^k (items correct on every repeat) is below the rule's <c>min_pass_all</c>.</summary>
    PassAll,
    Missing,

    /// <summary>Fewer items than the rule's <c>min_n</c>: reported, not gated.</summary>
    Underpowered,

    /// <summary>The candidate fell below the pooled recent history by more than <c>gate.drift.margin</c>.</summary>
    Drift,

    /// <summary>A floor rule that held (a rule's status; a node with such a rule shows its regression status).</summary>
    Ok,
}

/// <summary>What a rule tests: a drop against the baseline (<c>regression</c>) or an absolute <c>floor</c>.</summary>
[JsonConverter(typeof(SpelledEnumConverter<RuleKind>))]
public enum RuleKind
{
    Regression,
    Floor,

    /// <summary>A <c>gate.required</c> entry: listed items must stay correct.</summary>
    Required,

    /// <summary><c>min_pass_all</c>: the candidate's pass^k must reach the minimum.</summary>
    PassAll,

    /// <summary>The candidate against the pooled last records of a branch (<c>gate.drift</c>).</summary>
    Drift,
}

/// <summary>What the <c>min_ratio</c> rule made of Fastness.</summary>
[JsonConverter(typeof(SpelledEnumConverter<FastnessStatus>))]
public enum FastnessStatus
{
    Ok,
    Warn,
    Fail,

    /// <summary>No timing on one side and no rule that must fail.</summary>
    Unknown,
}

/// <summary>
/// One node, baseline against candidate: what the gate decided (<see cref="Gated"/> nodes have a rule; the status of
/// the others is for information), Δ = candidate − baseline with its credible interval and probabilities
/// (<see cref="Change"/>, null where a side has no data), and the items behind it (<see cref="Items"/>).
/// The JSON (<c>mpg.verdict/1</c> <c>nodes[]</c>) is flat: the members below the constructor spell the groups out.
/// </summary>
/// <param name="MinDetectableDrop">The smallest drop the node's regression rule detects with 80% probability.</param>
public sealed record NodeComparison(
    string Id,
    string? Parent,
    string Kind,
    bool Gated,
    NodeStatus Status,
    string? Rule,
    [property: JsonIgnore] DeltaStats? Change,
    [property: JsonIgnore] NodeItems Items,
    [property: JsonPropertyOrder(1)] string? Note,
    [property: JsonPropertyOrder(3)] double? MinDetectableDrop = null,
    [property: JsonPropertyOrder(3)] int? ItemsNeeded = null,
    [property: JsonPropertyOrder(3)] double? ItemsNeededDrop = null,
    [property: JsonPropertyOrder(3)] Scoring.RepeatSummary? Repeats = null)
{
    /// <summary>
    /// A node as the file spells it, flat (how a verdict is read back): the groups are put together again. The one
    /// thing the file does not keep is the standard deviation of Δ (<see cref="Scoring.DrawSummary.Sd"/> is NaN), which no report prints.
    /// </summary>
    [JsonConstructor]
    internal NodeComparison(
        string id, string? parent, string kind, bool gated, NodeStatus status, string? rule, string? note,
        double? baselineMean, double? candidateMean, double? delta, double? deltaLower, double? deltaUpper, double? pRegression, double? pImprovement,
        bool paired, int? baselineN, int? candidateN, int? matchedItems, int? onlyBaseline, int? onlyCandidate, int? @fixed, int? broken, string? nEstimatedReason,
        double? minDetectableDrop, int? itemsNeeded, double? itemsNeededDrop, Scoring.RepeatSummary? repeats)
        : this(
            id, parent, kind, gated, status, rule,
            (baselineMean, candidateMean, delta, deltaLower, deltaUpper) is ({ } b, { } c, { } d, { } lo, { } hi)
                ? new DeltaStats(b, c, new Scoring.DrawSummary(d, double.NaN, lo, hi), pRegression ?? double.NaN, pImprovement ?? double.NaN)
                : null,
            new NodeItems(baselineN, candidateN, paired, matchedItems, onlyBaseline, onlyCandidate, @fixed, broken, nEstimatedReason),
            note, minDetectableDrop, itemsNeeded, itemsNeededDrop, repeats)
    {
    }

    public double? BaselineMean => Change?.BaselineMean;

    public double? CandidateMean => Change?.CandidateMean;

    public double? Delta => Change?.Delta.Mean;

    public double? DeltaLower => Change?.Delta.Lower;

    public double? DeltaUpper => Change?.Delta.Upper;

    public double? PRegression => Change?.PRegression;

    public double? PImprovement => Change?.PImprovement;

    public bool Paired => Items.Paired;

    public int? BaselineN => Items.BaselineN;

    public int? CandidateN => Items.CandidateN;

    [JsonPropertyOrder(2)]
    public int? MatchedItems => Items.Matched;

    [JsonPropertyOrder(2)]
    public int? OnlyBaseline => Items.OnlyBaseline;

    [JsonPropertyOrder(2)]
    public int? OnlyCandidate => Items.OnlyCandidate;

    [JsonPropertyOrder(2)]
    public int? Fixed => Items.Fixed;

    [JsonPropertyOrder(2)]
    public int? Broken => Items.Broken;

    [JsonPropertyOrder(2)]
    public string? NEstimatedReason => Items.NEstimatedReason;
}

/// <summary>
/// The items behind a node on each side and, where its leaves paired, how they matched (summed over the paired
/// leaves; null where none paired). <see cref="Paired"/> is true only when every leaf paired.
/// </summary>
/// <see cref="NEstimatedReason"/>: for a leaf whose n either side estimated from a standard error, how and how far to trust it.
public sealed record NodeItems(int? BaselineN, int? CandidateN, bool Paired, int? Matched = null, int? OnlyBaseline = null, int? OnlyCandidate = null, int? Fixed = null, int? Broken = null, string? NEstimatedReason = null);

/// <summary>One rule of the policy judged: where it is (line), what it tested, and whether it passed.</summary>
/// <param name="Threshold">The probability P(regression) had to reach, after the multiple-comparison correction.</param>
/// <param name="MinDetectableDrop">The smallest drop this rule detects with 80% probability given the node's uncertainty (normal approximation).</param>
public sealed record RuleOutcome(
    string Node,
    RuleKind Kind,
    string File,
    int Line,
    int Column,
    double? Margin,
    double? Confidence,
    double? Threshold,
    double? Floor,
    NodeStatus Status,
    bool Passed,
    string Message,
    double? MinDetectableDrop = null,
    int? MinN = null)
{
    /// <summary>Where the rule is inconclusive: what the policy makes of it (warn, fail, pass).</summary>
    public InconclusiveAction? Inconclusive { get; init; }

    /// <summary>Items the node has, and the items that would detect a true drop of <see cref="ItemsNeededDrop"/> at 80% power (mpg plan's figure).</summary>
    public int? ItemsNow { get; init; }

    public int? ItemsNeeded { get; init; }

    public double? ItemsNeededDrop { get; init; }

    /// <summary>A <c>min_pass_all</c> rule: the minimum, and the candidate's pass^k it was held to.</summary>
    public double? MinPassAll { get; init; }

    public double? PassAll { get; init; }
}

/// <summary>
/// Fastness, candidate over baseline (inverted for latency and cost, so above 1 is better), and what the
/// <c>min_ratio</c> rule made of it (ok, warn, fail, unknown). Where per-item latencies or costs allowed a
/// bootstrap, the ratio has an interval and <see cref="PBelow"/> = P(ratio &lt; min_ratio).
/// </summary>
public sealed record FastnessComparison(
    FastnessMetric Metric,
    double? Baseline,
    double? Candidate,
    double? Ratio,
    double? MinRatio,
    FastnessStatus Status,
    string? Note,
    double? RatioLower = null,
    double? RatioUpper = null,
    double? PBelow = null);
