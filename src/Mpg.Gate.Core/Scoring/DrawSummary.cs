namespace Mpg.Gate.Scoring;

/// <summary>Mean, standard deviation and equal-tailed credible interval of a set of draws.</summary>
public readonly record struct DrawSummary(double Mean, double Sd, double Lower, double Upper)
{
    public static DrawSummary Of(double[] draws, double level)
    {
        var n = draws.Length;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += draws[i];
        }

        mean /= n;
        var ss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = draws[i] - mean;
            ss += d * d;
        }

        var sorted = (double[])draws.Clone();
        Array.Sort(sorted);
        var tail = (1 - level) / 2;
        return new DrawSummary(mean, Math.Sqrt(ss / (n - 1)), Quantile(sorted, tail), Quantile(sorted, 1 - tail));
    }

    /// <summary>Linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
