using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>
/// The oracle of the paired posterior and the Bayesian bootstrap: with weights w ~ Dirichlet(α) on values x, the mean
/// M = Σ wᵢxᵢ has E[M] = Σ αᵢxᵢ / A and Var[M] = Σ αᵢ(xᵢ − E[M])² / (A (A + 1)), A = Σ αᵢ. Seeded draws must land within
/// 4 standard errors of the first and 4·√(8/n) relative of the second (as in <see cref="SamplerMatchesClosedForm"/>).
/// </summary>
public class DirichletMeansMatchClosedForm
{
    [Theory]
    [InlineData(new[] { 60.0, 200.0, 36.0 })] // a paired graded table: items that lost, kept and gained half a point
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0 })] // the Bayesian bootstrap of four single items
    [InlineData(new[] { 0.5, 0.5, 3.0 })] // concentrations below 1 take the log-space path
    public void MeanAndVariance_AreTheDirichletWeightedMeans(double[] concentrations)
    {
        var values = new[] { -0.5, 0, 0.5, 1 }[..concentrations.Length];
        var units = concentrations.Select((a, i) => new DirichletMeans.Unit(a, 1, values[i], 0)).ToList();
        const int samples = 200_000;

        var (draws, _) = DirichletMeans.Draw(units, samples, new GammaSampler(TreeSampler.UniformFor(3, "dirichlet", string.Join("/", concentrations))));

        var total = concentrations.Sum();
        var mean = concentrations.Select((a, i) => a * values[i]).Sum() / total;
        var variance = concentrations.Select((a, i) => a * (values[i] - mean) * (values[i] - mean)).Sum() / (total * (total + 1));
        var drawnMean = draws.Average();
        var drawnVariance = draws.Select(d => (d - drawnMean) * (d - drawnMean)).Sum() / (samples - 1);
        var se = Math.Sqrt(variance / samples);
        Assert.InRange(drawnMean, mean - (4 * se), mean + (4 * se));
        Assert.InRange(drawnVariance, variance * (1 - (4 * Math.Sqrt(8.0 / samples))), variance * (1 + (4 * Math.Sqrt(8.0 / samples))));
    }
}
