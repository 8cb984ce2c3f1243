using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>
/// One run scored under one policy (<c>mpg.scorecard/1</c>). Leaves keep α and β of their posteriors, so a
/// stored scorecard serves as a baseline without the eval files it came from.
/// </summary>
public sealed record Scorecard(
    string Schema,
    string Model,
    string CreatedAt,
    string ToolVersion,
    string PolicyName,
    string PolicyHash,
    int Seed,
    int Samples,
    double Level,
    PriorInfo Prior,
    NodeStats Goodness,
    FastnessSummary Fastness,
    IReadOnlyList<ScorecardNode> Nodes,
    IReadOnlyList<string> Inputs)
{
    public const string SchemaId = "mpg.scorecard/1";

    public ScorecardNode? Find(string id) => Nodes.FirstOrDefault(n => n.Id == id);
}

public sealed record PriorInfo(double Alpha, double Beta);

public sealed record NodeStats(double Mean, double Sd, double Lower, double Upper)
{
    public static NodeStats From(DrawSummary s) => new(s.Mean, s.Sd, s.Lower, s.Upper);
}

/// <summary>A node of the scored tree. Leaves (<c>kind: benchmark</c>) carry the counts and the posterior.</summary>
/// <param name="Weight">Share of the parent's score (siblings sum to 1).</param>
public sealed record ScorecardNode(
    string Id,
    string? Parent,
    string Kind,
    double Weight,
    double Mean,
    double Sd,
    double Lower,
    double Upper,
    string? Benchmark = null,
    string? Metric = null,
    int? N = null,
    double? Successes = null,
    bool? NEstimated = null,
    string? Source = null,
    string? File = null,
    double? Alpha = null,
    double? Beta = null,
    ItemTable? Items = null,
    LeafFastness? Fastness = null)
{
    public const string Group = "group";
    public const string BenchmarkKind = "benchmark";

    public bool IsLeaf => Kind == BenchmarkKind;
}

/// <summary>
/// Fastness of the run: from the leaves' own latencies, costs or times combined over the tree (<c>scope: items</c>
/// or <c>benchmark</c>), else, as lm-evaluation-harness records one wall time per run, run level (<c>scope: run</c>):
/// items scored over that time. Value is null where nothing is known, with a note.
/// </summary>
public sealed record FastnessSummary(
    FastnessMetric Metric,
    double? Value,
    string Scope,
    long? Items,
    double? WallSeconds,
    string? Note);
