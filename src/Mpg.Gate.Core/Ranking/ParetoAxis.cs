using Mpg.Gate.Policy;

namespace Mpg.Gate.Ranking;

/// <summary>
/// What a Pareto front of a ranking is drawn against: the policy's Fastness, or, beside another Fastness metric, cost
/// per 1,000 queries where the inputs know it. The table, the plots and the page all take their axes from here.
/// </summary>
/// <param name="What">What the axis measures, for titles: <c>Fastness</c> or <c>Cost</c>.</param>
/// <param name="Name">The metric as the policy spells it (<c>qps</c>, <c>cost_per_1k</c>, …).</param>
/// <param name="Format">How its values are shown: cost per 1,000 queries is often a fraction of a cent.</param>
public sealed record ParetoAxis(string What, string Name, string Format, bool HigherIsBetter, Func<RankedModel, double?> Value, Func<RankedModel, bool> OnFront)
{
    public static ParetoAxis Fastness(Ranking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return new ParetoAxis("Fastness", Spelling.Of(ranking.FastnessMetric), "0.##", ParetoFront.HigherIsBetter(ranking.FastnessMetric), m => m.Fastness, m => m.Pareto);
    }

    /// <summary>Null where no model's cost is known beside the Fastness metric.</summary>
    public static ParetoAxis? Cost(Ranking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return ranking.Models.Any(m => m.CostPer1k is not null)
            ? new ParetoAxis("Cost", Spelling.Of(FastnessMetric.CostPer1k), "0.####", HigherIsBetter: false, m => m.CostPer1k, m => m.CostPareto == true)
            : null;
    }

    /// <summary>The axis label of a plot: which metric, and which way is better.</summary>
    public string Label => $"{What}: {Name} ({(HigherIsBetter ? "higher" : "lower")} is better)";
}
