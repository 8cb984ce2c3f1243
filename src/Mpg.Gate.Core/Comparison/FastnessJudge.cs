using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>Fastness candidate/baseline against <c>gate.fastness.min_ratio</c>; a ratio above 1 is always better.</summary>
internal static class FastnessJudge
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Unknown = "unknown";

    public static FastnessComparison Judge(FastnessRule? rule, FastnessSummary baseline, FastnessSummary candidate)
    {
        var metric = candidate.Metric;
        if (baseline.Value is not > 0 || candidate.Value is not > 0)
        {
            // Without timing on both sides there is nothing to compare; a rule that must fail fails closed.
            var status = rule is { Fail: true } ? Fail : rule is null ? Unknown : Warn;
            return new FastnessComparison(metric, baseline.Value, candidate.Value, null, rule?.MinRatio, status, "Fastness is unknown on one side: " + (candidate.Note ?? baseline.Note ?? "no timing"));
        }

        // QPS: higher is better. Latency and cost: lower is better, so the ratio is inverted.
        var ratio = metric == "qps" ? candidate.Value.Value / baseline.Value.Value : baseline.Value.Value / candidate.Value.Value;
        var below = rule is not null && ratio < rule.MinRatio;
        var verdict = !below ? Ok : rule!.Fail ? Fail : Warn;
        return new FastnessComparison(metric, baseline.Value, candidate.Value, ratio, rule?.MinRatio, verdict, null);
    }
}
