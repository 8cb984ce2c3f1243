using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Mpg.Gate.Comparison;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Core.Tests.Comparison;

/// <summary>
/// The exact oracle for binary paired data. With cell concentrations a01 (fixed), a10 (broken) and the
/// rest, T = θ01 + θ10 ~ Beta(a01 + a10, rest) and U = θ01 / T ~ Beta(a01, a10) independently, and
/// Δ = T(2U − 1). So P(Δ &lt; −m) = ∫ₘ¹ f_T(t) F_U((1 − m/t)/2) dt, integrated numerically here and
/// compared with 2,000,000 Dirichlet draws of <see cref="PairedLeaf"/>: standard error ≤ 0.00036, so 3 decimals
/// (a tolerance of 0.0015, over 4 standard errors) hold.
/// </summary>
// Slow: numerical integration over the Dirichlet posterior, seconds per case.
[Trait("Category", "Slow")]
public class PairedOracle
{
    [Theory]
    [InlineData(600, 40, 70, 290, 0.0)]
    [InlineData(600, 40, 70, 290, 0.01)]
    [InlineData(120, 9, 10, 61, 0.0)]
    [InlineData(1300, 30, 55, 615, 0.02)]
    public void PRegression_MatchesNumericalIntegration(int n00, int n01, int n10, int n11, double margin)
    {
        double a01 = n01 + 1.0, a10 = n10 + 1.0, rest = n00 + n11 + 2.0; // a uniform prior: 1 per cell
        var exact = Integrate.DoubleExponential(
            t => t <= margin ? 0 : Beta.PDF(a01 + a10, rest, t) * Beta.CDF(a01, a10, (1 - (margin / t)) / 2),
            margin,
            1,
            1e-10);

        var baseline = Table(n00, n01, n10, n11, candidateSide: false);
        var candidate = Table(n00, n01, n10, n11, candidateSide: true);
        var draws = PairedLeaf.Draw(baseline, candidate, 2_000_000, TreeSampler.UniformFor(1, "oracle", $"{n00}/{n01}/{n10}/{n11}"))!.Value;
        var below = 0;
        for (var i = 0; i < draws.Baseline.Length; i++)
        {
            if (draws.Candidate[i] - draws.Baseline[i] < -margin)
            {
                below++;
            }
        }

        Assert.Equal(exact, (double)below / draws.Baseline.Length, 0.0015);
        Assert.Equal(n01, draws.Counts.Fixed);
        Assert.Equal(n10, draws.Counts.Broken);
        Assert.False(draws.Counts.Graded);
    }

    /// <summary>Items 0.. in the cells (0,0), (0,1), (1,0), (1,1) of (baseline, candidate).</summary>
    internal static ItemTable Table(int n00, int n01, int n10, int n11, bool candidateSide)
    {
        var scores = new List<double>();
        foreach (var (count, b, c) in new[] { (n00, 0, 0), (n01, 0, 1), (n10, 1, 0), (n11, 1, 1) })
        {
            scores.AddRange(Enumerable.Repeat((double)(candidateSide ? c : b), count));
        }

        return new ItemTable(Enumerable.Range(0, scores.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), scores);
    }
}

public class BayesianBootstrapMoments
{
    /// <summary>
    /// For Dirichlet(1, …, 1) weights the weighted mean of d has mean d̄ and variance Σ(dᵢ − d̄)² / (n(n + 1)):
    /// graded pairs (grouped by value) must reproduce both within 4 standard errors of 200,000 draws.
    /// </summary>
    [Fact]
    public void GradedDelta_HasTheExactBootstrapMoments()
    {
        var random = new Random(4);
        var b = Enumerable.Range(0, 300).Select(_ => random.Next(0, 5) / 4.0).ToList();
        var c = b.Select(x => Math.Clamp(x + ((random.Next(0, 3) - 1) * 0.25), 0, 1)).ToList();
        var ids = Enumerable.Range(0, 300).Select(i => $"q{i}").ToList();

        var draws = PairedLeaf.Draw(new ItemTable(ids, b), new ItemTable(ids, c), 200_000, TreeSampler.UniformFor(2, "bb", "x"))!.Value;
        var delta = draws.Candidate.Zip(draws.Baseline, (x, y) => x - y).ToArray();

        var d = c.Zip(b, (x, y) => x - y).ToArray();
        var mean = d.Average();
        var variance = d.Sum(x => (x - mean) * (x - mean)) / (d.Length * (d.Length + 1.0));
        var observed = DrawSummary.Of(delta, 0.95);
        Assert.True(draws.Counts.Graded);
        Assert.Equal(mean, observed.Mean, 4 * Math.Sqrt(variance / delta.Length));
        Assert.InRange(observed.Sd * observed.Sd, variance * 0.98, variance * 1.02);
    }

    [Fact]
    public void Clusters_WidenTheIntervalWhenItemsWithinAClusterAgree()
    {
        // 40 passages of 10 questions; within a passage both models are right or wrong together.
        var ids = Enumerable.Range(0, 400).Select(i => $"q{i}").ToList();
        var b = ids.Select((_, i) => (i / 10) % 3 == 0 ? 0.0 : 1.0).ToList();
        var c = ids.Select((_, i) => (i / 10) % 4 == 0 ? 0.0 : 1.0).ToList();
        var clusters = ids.Select((_, i) => (string?)$"p{i / 10}").ToList();

        var flat = PairedLeaf.Draw(new ItemTable(ids, b), new ItemTable(ids, c), 50_000, TreeSampler.UniformFor(3, "c", "flat"))!.Value;
        var grouped = PairedLeaf.Draw(new ItemTable(ids, b, clusters), new ItemTable(ids, c, clusters), 50_000, TreeSampler.UniformFor(3, "c", "grouped"))!.Value;

        static double Sd((double[] Baseline, double[] Candidate, PairingCounts Counts) d) =>
            DrawSummary.Of(d.Candidate.Zip(d.Baseline, (x, y) => x - y).ToArray(), 0.95).Sd;
        Assert.Equal(40, grouped.Counts.Clusters);
        Assert.True(Sd(grouped) > 2 * Sd(flat), $"clustered sd {Sd(grouped)} vs flat {Sd(flat)}");
    }
}
