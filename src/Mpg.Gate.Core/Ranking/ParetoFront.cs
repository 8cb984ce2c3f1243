using Mpg.Gate.Policy;

namespace Mpg.Gate.Ranking;

/// <summary>The models no other model beats on both Goodness and Fastness.</summary>
public static class ParetoFront
{
    /// <param name="points">Goodness (higher is better) and Fastness of each model; a model without Fastness is never on the front.</param>
    /// <param name="higherFastnessIsBetter">True for queries per second, false for latency and cost.</param>
    public static bool[] Of(IReadOnlyList<(double Goodness, double? Fastness)> points, bool higherFastnessIsBetter)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sign = higherFastnessIsBetter ? 1.0 : -1.0;
        var front = new bool[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Fastness is not { } fi)
            {
                continue;
            }

            front[i] = !points.Where((p, j) => j != i && p.Fastness is { } fj
                && p.Goodness >= points[i].Goodness && sign * fj >= sign * fi
                && (p.Goodness > points[i].Goodness || sign * fj > sign * fi)).Any();
        }

        return front;
    }

    public static bool HigherIsBetter(FastnessMetric metric) => metric == FastnessMetric.Qps;
}
