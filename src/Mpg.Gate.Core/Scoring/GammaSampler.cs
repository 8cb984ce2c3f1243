namespace Mpg.Gate.Scoring;

/// <summary>
/// Gamma and Beta draws from a seeded uniform generator: Marsaglia and Tsang's method (2000) for the
/// Gamma, standard normals by the polar method. MathNet.Numerics' own Beta sampler costs about 420 ns a draw
/// here, which made `mpg score` slower than numpy (docs/PERFORMANCE.md); this one is about ten times faster.
/// Works in log space, so tiny shapes (a prior of 0.01 with no successes) do not underflow to 0/0.
/// </summary>
public sealed class GammaSampler(SeededUniform uniform)
{
    private double spareNormal;
    private bool hasSpare;

    /// <summary>A draw from Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public double NextBeta(double a, double b)
    {
        var logX = NextLogGamma(a);
        var logY = NextLogGamma(b);
        return 1 / (1 + Math.Exp(logY - logX));
    }

    /// <summary>The log of a draw from Gamma(shape, 1).</summary>
    public double NextLogGamma(double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia and Tsang, section 6).
            return NextLogGamma(shape + 1) + (Math.Log(NextOpenUniform()) / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextOpenUniform();
            var x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1 - v + Math.Log(v))))
            {
                return Math.Log(d * v);
            }
        }
    }

    public double NextNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * uniform.NextDouble()) - 1;
            v = (2 * uniform.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        spareNormal = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /// <summary>Uniform on (0, 1): never 0, so its log is finite.</summary>
    private double NextOpenUniform()
    {
        double u;
        do
        {
            u = uniform.NextDouble();
        }
        while (u == 0);

        return u;
    }
}
