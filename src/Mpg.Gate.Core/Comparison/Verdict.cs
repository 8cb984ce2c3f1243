using System.Text.Json.Serialization;

namespace Mpg.Gate.Comparison;

/// <summary>The gate's decision (<c>mpg.verdict/1</c>): every node compared, every rule judged.</summary>
public sealed record Verdict(
    string Schema,
    string Name,
    [property: JsonPropertyName("verdict")] string Result,
    string CreatedAt,
    string ToolVersion,
    string Baseline,
    string BaselineModel,
    string CandidateModel,
    int Seed,
    int Samples,
    double Level,
    string Correction,
    IReadOnlyList<NodeComparison> Nodes,
    IReadOnlyList<RuleOutcome> Rules,
    FastnessComparison Fastness,
    DriftComparison? Drift = null,
    IReadOnlyList<TrendPoint>? Trend = null)
{
    public const string SchemaId = "mpg.verdict/1";
    public const string Pass = "pass";
    public const string Fail = "fail";

    public bool Passed => Result == Pass;
}

/// <summary>One earlier record of the gate on the trend's branch: what the report's trend chart draws.</summary>
public sealed record TrendPoint(string Branch, string Commit, string RecordedAt, double Goodness);

/// <summary>Node statuses as the verdict JSON spells them.</summary>
public static class NodeStatus
{
    public const string Regression = "regression";
    public const string Improvement = "improvement";
    public const string Unchanged = "unchanged";
    public const string Floor = "floor";
    public const string Missing = "missing";

    /// <summary>The candidate fell below the pooled recent history by more than <c>gate.drift.margin</c>.</summary>
    public const string Drift = "drift";

    /// <summary>Fewer items than the rule's <c>min_n</c>: reported, not gated.</summary>
    public const string Underpowered = "underpowered";
}

/// <summary>
/// One node, baseline against candidate. Δ = candidate − baseline, with its credible interval and
/// P(Δ &lt; −margin). <see cref="Gated"/> nodes have a rule; the status of the others is for information.
/// </summary>
public sealed record NodeComparison(
    string Id,
    string? Parent,
    string Kind,
    bool Gated,
    string Status,
    string? Rule,
    double? BaselineMean,
    double? CandidateMean,
    double? Delta,
    double? DeltaLower,
    double? DeltaUpper,
    double? PRegression,
    double? PImprovement,
    bool Paired,
    int? BaselineN,
    int? CandidateN,
    string? Note,
    int? MatchedItems = null,
    int? OnlyBaseline = null,
    int? OnlyCandidate = null,
    int? Fixed = null,
    int? Broken = null,
    double? MinDetectableDrop = null);

/// <summary>One rule of the policy judged: where it is (line), what it tested, and whether it passed.</summary>
/// <param name="Threshold">The probability P(regression) had to reach, after the multiple-comparison correction.</param>
/// <param name="MinDetectableDrop">The smallest drop this rule detects with 80% probability given the node's uncertainty (normal approximation).</param>
public sealed record RuleOutcome(
    string Node,
    string Kind,
    string File,
    int Line,
    int Column,
    double? Margin,
    double? Confidence,
    double? Threshold,
    double? Floor,
    string Status,
    bool Passed,
    string Message,
    double? MinDetectableDrop = null,
    int? MinN = null);

/// <summary>
/// Fastness, candidate over baseline (inverted for latency and cost, so above 1 is better), and what the
/// <c>min_ratio</c> rule made of it (ok, warn, fail, unknown). Where per-item latencies or costs allowed a
/// bootstrap, the ratio has an interval and <see cref="PBelow"/> = P(ratio &lt; min_ratio).
/// </summary>
public sealed record FastnessComparison(
    string Metric,
    double? Baseline,
    double? Candidate,
    double? Ratio,
    double? MinRatio,
    string Status,
    string? Note,
    double? RatioLower = null,
    double? RatioUpper = null,
    double? PBelow = null);
