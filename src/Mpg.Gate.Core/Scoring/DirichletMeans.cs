namespace Mpg.Gate.Scoring;

/// <summary>
/// Draws of two weighted means under Dirichlet weights on resampling units — the engine of the paired Dirichlet
/// posterior and of the Bayesian bootstrap (Rubin 1981). Units with equal values share one Gamma draw of their
/// summed weight, which is exact (the Dirichlet aggregation property), so few distinct values cost few draws.
/// </summary>
public static class DirichletMeans
{
    /// <summary>A unit: its Dirichlet concentration, its item count and its totals of the two quantities.</summary>
    public readonly record struct Unit(double Concentration, double N, double First, double Second);

    /// <returns>For each draw, Σ g·First / Σ g·N and Σ g·Second / Σ g·N with g ~ Gamma(concentration).</returns>
    public static (double[] First, double[] Second) Draw(IReadOnlyList<Unit> units, int samples, GammaSampler sampler)
    {
        var first = new double[samples];
        var second = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            double n = 0, a = 0, b = 0;
            foreach (var unit in units)
            {
                var g = sampler.NextGamma(unit.Concentration);
                n += g * unit.N;
                a += g * unit.First;
                b += g * unit.Second;
            }

            first[s] = a / n;
            second[s] = b / n;
        }

        return (first, second);
    }

    /// <summary>
    /// Bayesian-bootstrap draws of the mean of <paramref name="values"/>. Values are grouped after rounding to four
    /// significant digits (a latency of 1234.5 ms counts as 1235), which moves the mean by at most 0.05%.
    /// </summary>
    public static double[] MeanOf(IReadOnlyList<double> values, int samples, SeededUniform random)
    {
        var units = values
            .GroupBy(v => v == 0 ? 0 : Math.Round(v, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15)))
            .OrderBy(g => g.Key)
            .Select(g => new Unit(g.Count(), 1, g.Key, 0))
            .ToList();
        return Draw(units, samples, new GammaSampler(random)).First;
    }
}
