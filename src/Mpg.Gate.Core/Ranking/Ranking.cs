using Mpg.Gate.Policy;

namespace Mpg.Gate.Ranking;

/// <summary>
/// Many models scored under one policy and ranked (<c>mpg.ranking/1</c>): best first, with the rank interval of each
/// from the posterior draws, the Goodness/Fastness Pareto front and, with a reference, the correlations.
/// </summary>
/// <param name="Missing">How models missing a benchmark were handled (<c>drop</c> or <c>renormalise</c>).</param>
/// <param name="Dropped">Models left out of the ranking, with the benchmarks they lack.</param>
public sealed record Ranking(
    string Schema,
    string CreatedAt,
    string ToolVersion,
    string PolicyName,
    string PolicyHash,
    int Seed,
    int Samples,
    double Level,
    MissingBenchmarks Missing,
    FastnessMetric FastnessMetric,
    IReadOnlyList<RankedModel> Models,
    IReadOnlyList<DroppedModel> Dropped,
    IReadOnlyList<string> Notes,
    ReferenceSummary? Reference = null,
    IReadOnlyList<CorrelationResult>? Correlations = null,
    WeightFitResult? Fit = null)
{
    public const string SchemaId = "mpg.ranking/1";
}

/// <param name="Model">The model as the eval tool names it.</param>
/// <param name="Label">The model, and for a model with several runs, its run time: what tables show.</param>
/// <param name="Rank">1 is best: the order of the exact posterior means of Goodness.</param>
/// <param name="RankLower">Equal-tailed interval of the model's rank over the posterior draws (best bound first).</param>
/// <param name="PAboveNext">P(this model's Goodness &gt; the next-ranked model's), from the draws; null for the last.</param>
/// <param name="Pareto">No other model has both a higher Goodness and a better Fastness.</param>
/// <param name="Renormalised">Benchmarks this model lacks, whose weight went to the present siblings (<c>missing: renormalise</c>).</param>
/// <param name="CostPer1k">
/// Cost per 1,000 queries where every benchmark of the model knows its cost and the policy's Fastness is another
/// metric (for <c>cost_per_1k</c> it is <paramref name="Fastness"/> itself); null otherwise.
/// </param>
/// <param name="CostPareto">No other model has both a higher Goodness and a lower cost; null where no model's cost is known.</param>
public sealed record RankedModel(
    string Model,
    string Label,
    string? RunTime,
    MeanInterval Goodness,
    int Rank,
    int RankLower,
    int RankUpper,
    double? PAboveNext,
    bool Pareto,
    double? Fastness,
    IReadOnlyDictionary<string, NodeRank> Nodes,
    IReadOnlyList<string>? Renormalised = null,
    double? CostPer1k = null,
    bool? CostPareto = null);

/// <summary>A statistic with its equal-tailed (bootstrap) interval.</summary>
public sealed record Estimate(double Value, double Lower, double Upper);

/// <summary>A posterior mean (exact) with its equal-tailed credible interval (from the draws).</summary>
public sealed record MeanInterval(double Mean, double Lower, double Upper);

/// <summary>One node of one model: posterior mean and interval, rank among the models that have it, and for group nodes the rank interval.</summary>
public sealed record NodeRank(double Mean, double Lower, double Upper, int Rank, int? RankLower = null, int? RankUpper = null, double? PAboveNext = null);

public sealed record DroppedModel(string Label, IReadOnlyList<string> Missing);

/// <summary>The reference ranking used, and what did not match across it and the inputs (listed, never dropped silently).</summary>
public sealed record ReferenceSummary(string File, int Matched, IReadOnlyList<string> NotInReference, IReadOnlyList<string> NotInInputs);

/// <summary>Correlation of one score (<c>goodness</c> or a leaf id) with the reference over the <paramref name="N"/> models in common.</summary>
/// <param name="GoodnessMinusThis">For a leaf: Goodness's correlation minus this leaf's, on the same models and bootstrap resamples.</param>
public sealed record CorrelationResult(
    string Of,
    int N,
    Estimate Pearson,
    Estimate Spearman,
    Estimate Kendall,
    CorrelationTriple? GoodnessMinusThis = null);

public sealed record CorrelationTriple(Estimate Pearson, Estimate Spearman, Estimate Kendall);

/// <summary>
/// Non-negative leaf weights fitted to the reference, judged by leave-one-out (each model predicted by weights fitted
/// without it) against the equal-weight tree, which is not fitted and so needs no holding out.
/// </summary>
public sealed record WeightFitResult(
    int N,
    IReadOnlyDictionary<string, double> Weights,
    double LooPearson,
    double LooSpearman,
    double EqualPearson,
    double EqualSpearman,
    bool BeatsEqualWeights,
    string PolicySnippet);
