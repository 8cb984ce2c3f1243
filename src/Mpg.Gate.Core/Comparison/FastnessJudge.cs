using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// Fastness candidate/baseline against <c>gate.fastness.min_ratio</c>; a ratio above 1 is always better (for
/// latency and cost the ratio is baseline/candidate). Where both scorecards carry every leaf's per-item latencies
/// (for QPS) or costs (for cost per 1,000), each side's leaf means are Bayesian-bootstrapped and combined over the
/// tree, giving the ratio an interval and P(ratio &lt; min_ratio); the rule then warns or fails only when that
/// probability reaches the gate's confidence. Otherwise the two point values are compared.
/// </summary>
internal static class FastnessJudge
{
    public const string Stream = "fastness";

    public static FastnessComparison Judge(GatePolicy policy, PolicyNode tree, IReadOnlyDictionary<string, double> weights, Scorecard baseline, Scorecard candidate)
    {
        var rule = policy.Gate.Fastness;
        var metric = candidate.Fastness.Metric;
        if (baseline.Fastness.Value is not > 0 || candidate.Fastness.Value is not > 0)
        {
            // Without timing on both sides there is nothing to compare; a rule that must fail fails closed.
            var status = rule is { Fail: true } ? FastnessStatus.Fail : rule is null ? FastnessStatus.Unknown : FastnessStatus.Warn;
            return new FastnessComparison(metric, baseline.Fastness.Value, candidate.Fastness.Value, null, rule?.MinRatio, status, "Fastness is unknown on one side: " + (candidate.Fastness.Note ?? baseline.Fastness.Note ?? "no timing"));
        }

        var point = metric == FastnessMetric.Qps ? candidate.Fastness.Value.Value / baseline.Fastness.Value.Value : baseline.Fastness.Value.Value / candidate.Fastness.Value.Value;
        if (RatioDraws(policy, tree, weights, baseline, candidate, metric) is not { } ratios)
        {
            var below = rule is not null && point < rule.MinRatio;
            return new FastnessComparison(metric, baseline.Fastness.Value, candidate.Fastness.Value, point, rule?.MinRatio, !below ? FastnessStatus.Ok : rule!.Fail ? FastnessStatus.Fail : FastnessStatus.Warn, null);
        }

        var summary = DrawSummary.Of(ratios, policy.Level);
        double? pBelow = rule is null ? null : ratios.Count(r => r < rule.MinRatio) / (double)ratios.Length;
        var slow = pBelow >= policy.Gate.Confidence;
        return new FastnessComparison(
            metric,
            baseline.Fastness.Value,
            candidate.Fastness.Value,
            point,
            rule?.MinRatio,
            !slow ? FastnessStatus.Ok : rule!.Fail ? FastnessStatus.Fail : FastnessStatus.Warn,
            null,
            summary.Lower,
            summary.Upper,
            pBelow);
    }

    private static double[]? RatioDraws(GatePolicy policy, PolicyNode tree, IReadOnlyDictionary<string, double> weights, Scorecard baseline, Scorecard candidate, FastnessMetric metric)
    {
        if (metric is not (FastnessMetric.Qps or FastnessMetric.CostPer1k))
        {
            return null;
        }

        var shares = TreeWeights.LeafShares(tree, weights);
        var baseSide = new double[policy.Samples];
        var candSide = new double[policy.Samples];
        foreach (var (leaf, share) in shares)
        {
            if (Values(baseline.Find(leaf), metric) is not { } b || Values(candidate.Find(leaf), metric) is not { } c)
            {
                return null;
            }

            Accumulate(baseSide, DirichletMeans.MeanOf(b, policy.Samples, TreeSampler.UniformFor(policy.Seed, Stream + "/" + Comparer.BaselineStream, leaf)), share, metric);
            Accumulate(candSide, DirichletMeans.MeanOf(c, policy.Samples, TreeSampler.UniformFor(policy.Seed, Stream + "/" + Comparer.CandidateStream, leaf)), share, metric);
        }

        // QPS accumulated Σ share/qps (its harmonic mean's reciprocal), so candidate/baseline QPS = baseSum/candSum; cost: baseline/candidate.
        return baseSide.Zip(candSide, (b, c) => b / c).ToArray();
    }

    private static IReadOnlyList<double>? Values(ScorecardNode? node, FastnessMetric metric)
    {
        var values = metric == FastnessMetric.Qps ? node?.Items?.LatenciesMs : node?.Items?.Costs;
        return values is { Count: > 0 } && values.All(v => v is >= 0) ? values.Select(v => v!.Value).ToList() : null;
    }

    /// <summary>Adds a leaf's share: for QPS share/qps = share·mean latency/1000; for cost share·1000·mean cost.</summary>
    private static void Accumulate(double[] sum, double[] means, double share, FastnessMetric metric)
    {
        var scale = metric == FastnessMetric.Qps ? share / 1000 : share * 1000;
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += scale * means[i];
        }
    }
}
