namespace Mpg.Gate.Scoring;

/// <summary>The posterior of a leaf's accuracy, Beta(α0 + s, β0 + n − s).</summary>
public readonly record struct BetaPosterior(double Alpha, double Beta)
{
    public static BetaPosterior From(Policy.Prior prior, double n, double successes) =>
        new(prior.Alpha + successes, prior.Beta + n - successes);

    /// <summary>
    /// The Beta with this mean and variance (method of moments). A weighted mean of independent Betas, weights summing to
    /// 1, always has a variance below mean·(1 − mean), so such a Beta exists for every group of the tree.
    /// </summary>
    public static BetaPosterior WithMoments(double mean, double variance)
    {
        var size = (mean * (1 - mean) / variance) - 1;
        return new(mean * size, (1 - mean) * size);
    }

    public double Mean => Alpha / (Alpha + Beta);

    public double Variance
    {
        get
        {
            var sum = Alpha + Beta;
            return Alpha * Beta / (sum * sum * (sum + 1));
        }
    }

    public double Skewness
    {
        get
        {
            var sum = Alpha + Beta;
            return 2 * (Beta - Alpha) * Math.Sqrt(sum + 1) / ((sum + 2) * Math.Sqrt(Alpha * Beta));
        }
    }

    /// <summary>Exact mean, sd and equal-tailed interval at <paramref name="level"/> (no draws).</summary>
    public DrawSummary Summary(double level)
    {
        var tail = (1 - level) / 2;
        return new DrawSummary(Mean, Math.Sqrt(Variance), BetaQuantile.Of(Alpha, Beta, tail), BetaQuantile.Of(Alpha, Beta, 1 - tail));
    }

    /// <summary>Fills <paramref name="draws"/> with independent draws from this posterior.</summary>
    public void Sample(SeededUniform random, double[] draws) => new GammaSampler(random).FillBeta(Alpha, Beta, draws);
}
