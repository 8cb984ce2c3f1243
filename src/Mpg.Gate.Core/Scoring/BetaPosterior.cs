namespace Mpg.Gate.Scoring;

/// <summary>The posterior of a leaf's accuracy, Beta(α0 + s, β0 + n − s).</summary>
public readonly record struct BetaPosterior(double Alpha, double Beta)
{
    public static BetaPosterior From(Policy.Prior prior, double n, double successes) =>
        new(prior.Alpha + successes, prior.Beta + n - successes);

    public double Mean => Alpha / (Alpha + Beta);

    public double Variance
    {
        get
        {
            var sum = Alpha + Beta;
            return Alpha * Beta / (sum * sum * (sum + 1));
        }
    }

    /// <summary>Fills <paramref name="draws"/> with independent draws from this posterior.</summary>
    public void Sample(SeededUniform random, double[] draws)
    {
        var sampler = new GammaSampler(random);
        for (var i = 0; i < draws.Length; i++)
        {
            draws[i] = sampler.NextBeta(Alpha, Beta);
        }
    }
}
