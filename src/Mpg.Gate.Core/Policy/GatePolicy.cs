using System.Text.Json.Serialization;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Policy;

/// <summary>A place in the policy file, for messages that point the user at the line to fix.</summary>
public sealed record SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan None(string file) => new(file, 0, 0);
}

/// <summary>
/// The parsed, validated <c>mpg.yml</c>. Defaults are filled in; every node knows its line.
/// <see cref="Weighting"/> is the top-level default, kept for the flat tree built when <see cref="Goodness"/> is null.
/// </summary>
public sealed record GatePolicy(
    string File,
    int Version,
    string Name,
    int Samples,
    int Seed,
    double Level,
    Prior Prior,
    IReadOnlyList<InputSpec> Inputs,
    PolicyNode? Goodness,
    FastnessSpec Fastness,
    string? Baseline,
    GateSpec Gate,
    ReportSpec Report,
    GitHubSpec GitHub,
    string? History,
    Weighting Weighting = Weighting.Equal,
    RankSpec? Rank = null,
    SourceSpan? HistorySpan = null)
{
    public const int DefaultSamples = 20_000;
    public const int DefaultSeed = 1;
    public const double DefaultLevel = 0.95;

    /// <summary>The folder input globs and report paths are relative to.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".";

    /// <summary><c>history_errors</c>: what a gate does when its history store fails where the gate can go on without it.</summary>
    public HistoryErrors HistoryErrors { get; init; } = HistoryErrors.Fail;
}

/// <summary>
/// <c>history_errors</c>: <c>fail</c> (a history store that fails is exit 4) or <c>warn</c> (in <c>mpg gate</c>, a store
/// that fails while recording the run, reading the trend or the drift rule's window is one warning, MPG4002, and the gate
/// exits with its verdict). A <c>history:</c> baseline that cannot be read is exit 4 either way: without it there is
/// nothing to compare.
/// </summary>
[JsonConverter(typeof(SpelledEnumConverter<HistoryErrors>))]
public enum HistoryErrors
{
    Fail,
    Warn,
}

public sealed record Prior(double Alpha, double Beta)
{
    public static Prior Uniform { get; } = new(1, 1);
}

/// <summary>
/// An <c>inputs[]</c> entry: a glob relative to the policy file, and its format (<c>auto</c> by default).
/// <see cref="Benchmark"/> and <see cref="Model"/> name the task and model where the files cannot (csv, jsonl);
/// <see cref="Model"/> also keeps one model of a multi-model file. <see cref="Scorer"/> picks an Inspect scorer,
/// <see cref="Partial"/> is the credit of Inspect's P(artial) grade, <see cref="Errors"/> says whether items that
/// errored (promptfoo, Inspect) count as failures (<c>fail</c>, the default) or are left out (<c>exclude</c>).
/// </summary>
public sealed record InputSpec(
    string Path,
    InputFormat Format,
    SourceSpan Span,
    string? Benchmark = null,
    string? Model = null,
    string? Scorer = null,
    double? Partial = null,
    ErrorsMode Errors = ErrorsMode.Fail,
    string? ClusterBy = null,
    string? Value = null);

/// <summary>How a group averages its children: equal weights (macro) or by item count (micro).</summary>
[JsonConverter(typeof(SpelledEnumConverter<Weighting>))]
public enum Weighting
{
    Equal,
    Size,
}

/// <summary>
/// A node of the Goodness tree. The root has id <c>goodness</c>; a group's id is its name;
/// a leaf names a benchmark (its id is the benchmark name unless it gives its own <c>id:</c>).
/// </summary>
public sealed record PolicyNode(
    string Id,
    string? Benchmark,
    string? Metric,
    double Weight,
    Weighting Weighting,
    IReadOnlyList<PolicyNode> Children,
    SourceSpan Span)
{
    public const string RootId = "goodness";

    public bool IsLeaf => Benchmark is not null;

    public IEnumerable<PolicyNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }

    public IEnumerable<PolicyNode> Leaves() => DescendantsAndSelf().Where(n => n.IsLeaf);
}

public sealed record FastnessSpec(FastnessMetric Metric)
{
    public static FastnessSpec Default { get; } = new(FastnessMetric.Qps);
}

/// <summary>The Fastness measure (<c>fastness.metric</c>), spelled as in the policy and the JSON.</summary>
[JsonConverter(typeof(SpelledEnumConverter<FastnessMetric>))]
public enum FastnessMetric
{
    /// <summary>Queries per second; higher is better.</summary>
    Qps,

    /// <summary>Median per-item latency in milliseconds; lower is better.</summary>
    [JsonStringEnumMemberName("latency_p50")]
    LatencyP50,

    /// <summary>Cost per 1,000 queries; lower is better.</summary>
    [JsonStringEnumMemberName("cost_per_1k")]
    CostPer1k,
}

[JsonConverter(typeof(SpelledEnumConverter<Correction>))]
public enum Correction
{
    None,
    Bonferroni,
    Holm,
}

/// <param name="Scope">Which nodes are gated beyond the listed rules: only those (<c>rules</c>), every group, or every node.</param>
/// <param name="MinN">Default for rules: a node with fewer items is reported as underpowered, not gated.</param>
/// <param name="MaxUnmatched">Where set, a paired leaf whose share of items present on one side only exceeds it is an input error.</param>
public sealed record GateSpec(
    double Margin,
    double Confidence,
    Correction Correction,
    IReadOnlyList<PolicyRule> Rules,
    FastnessRule? Fastness,
    GateScope Scope = GateScope.Rules,
    int? MinN = null,
    double? MaxUnmatched = null,
    SourceSpan? ScopeSpan = null,
    DriftSpec? Drift = null)
{
    public const double DefaultMargin = 0.01;
    public const double DefaultConfidence = 0.95;

    /// <summary>What a node that is neither shown worse nor shown not worse does to the verdict (<c>gate.inconclusive</c>).</summary>
    public InconclusiveAction Inconclusive { get; init; } = InconclusiveAction.Warn;

    /// <summary><c>gate.required</c>: items that must not break, whatever the statistics say.</summary>
    public IReadOnlyList<RequiredItems> Required { get; init; } = [];

    /// <summary><c>gate.comparability</c>: what a measurement difference between the runs does.</summary>
    public Comparability Comparability { get; init; } = Comparability.Fail;

    /// <summary><c>gate.fixed</c>: further settings that must match (measurement settings), e.g. <c>num_fewshot</c>.</summary>
    public IReadOnlySet<string> Fixed { get; init; } = new HashSet<string>();
}

/// <summary><c>gate.comparability</c>: <c>fail</c> (a measurement difference is an input error, exit 3), <c>warn</c> (listed only), <c>ignore</c> (not compared).</summary>
[JsonConverter(typeof(SpelledEnumConverter<Comparability>))]
public enum Comparability
{
    Fail,
    Warn,
    Ignore,
}

/// <summary>
/// One <c>gate.required</c> entry: items of a benchmark that, correct in the baseline, must be correct in the
/// candidate (safety and contract cases). One that breaks, or is missing, fails the gate.
/// </summary>
public sealed record RequiredItems(string Benchmark, IReadOnlyList<string> Items, SourceSpan Span);

/// <summary>
/// <c>gate.inconclusive</c> (and a rule's <c>inconclusive:</c>): <c>warn</c> makes the verdict inconclusive and exits 0,
/// <c>fail</c> fails the gate (exit 1), <c>pass</c> lets it pass (the node still reads inconclusive).
/// </summary>
[JsonConverter(typeof(SpelledEnumConverter<InconclusiveAction>))]
public enum InconclusiveAction
{
    Warn,
    Fail,
    Pass,
}

/// <summary>
/// A gate rule on one node: a regression test (margin, confidence; defaults from <c>gate:</c>) or,
/// where <see cref="Floor"/> is set, an absolute floor on the candidate's mean.
/// </summary>
public sealed record PolicyRule(string Node, double? Margin, double? Confidence, double? Floor, SourceSpan Span, int? MinN = null)
{
    /// <summary>Overrides <see cref="GateSpec.Inconclusive"/> for this rule.</summary>
    public InconclusiveAction? Inconclusive { get; init; }

    /// <summary><c>min_pass_all</c>: the least share of the node's items the candidate must answer correctly on every repeat (pass^k).</summary>
    public double? MinPassAll { get; init; }

    /// <summary>A rule on the drop against the baseline (neither a floor nor a pass^k minimum): one of the Holm family.</summary>
    public bool IsRegression => Floor is null && MinPassAll is null;
}

/// <summary>
/// <c>gate.drift</c>: the candidate against the pooled last <see cref="Window"/> records of <see cref="Branch"/> in the
/// history (null: the history baseline's branch, else <c>main</c>), so a slow slide fails even when each step passes.
/// </summary>
public sealed record DriftSpec(int Window, double Margin, string Node, string? Branch, SourceSpan Span)
{
    public const int DefaultWindow = 10;
}

/// <summary><c>gate.scope</c>: <c>rules</c> gates the listed rules only; <c>groups</c> adds every group node; <c>all</c> every node.</summary>
[JsonConverter(typeof(SpelledEnumConverter<GateScope>))]
public enum GateScope
{
    Rules,
    Groups,
    All,
}

/// <summary>Fastness rule: candidate/baseline below <see cref="MinRatio"/> warns, or fails where <see cref="Fail"/>.</summary>
public sealed record FastnessRule(double MinRatio, bool Fail, SourceSpan Span);

/// <summary>Where reports go, and what an explanation shows.</summary>
/// <param name="Examples"><c>report.examples</c>: broken and fixed items each a regressed node shows in the PR comment.</param>
/// <param name="ExcerptChars"><c>report.excerpt_chars</c>: characters of each item's input, target and answer a scorecard keeps (0: none).</param>
public sealed record ReportSpec(string? Markdown, string? Junit, string? Json, int Examples = ReportSpec.DefaultExamples, int ExcerptChars = Ingest.ItemExcerpt.DefaultChars)
{
    public const int DefaultExamples = 3;

    public static ReportSpec Empty { get; } = new(null, null, null);
}

/// <summary>When to post the review report (PR comment, merge request note, pull request thread), whether one that could not be posted fails the run, and whether GitHub also gets a check run.</summary>
public sealed record GitHubSpec(CommentMode Comment, bool Required, bool Check = false)
{
    public static GitHubSpec Default { get; } = new(CommentMode.Always, false);
}

/// <summary>The policy's <c>github.comment</c>.</summary>
[JsonConverter(typeof(SpelledEnumConverter<CommentMode>))]
public enum CommentMode
{
    /// <summary>Create the comment, or update it, on every run.</summary>
    Always,

    /// <summary>Create it, or update it only where its body would change: a rerun with the same results sends nothing.</summary>
    [JsonStringEnumMemberName("on-change")]
    OnChange,

    /// <summary>Create it only when the gate fails; a failure comment that is no longer true is rewritten with the passing result.</summary>
    [JsonStringEnumMemberName("on-regression")]
    OnRegression,

    /// <summary>No comment.</summary>
    Never,
}
