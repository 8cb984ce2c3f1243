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

        // Two quantiles need four order statistics, not a full sort: selection is linear in the draws.
        var work = (double[])draws.Clone();
        var tail = (1 - level) / 2;
        return new DrawSummary(mean, Math.Sqrt(ss / (n - 1)), Quantile(work, tail, sorted: false), Quantile(work, 1 - tail, sorted: false));
    }

    /// <summary>Linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default).</summary>
    public static double Quantile(double[] values, double p, bool sorted = true)
    {
        var h = (values.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, values.Length - 1);
        var low = sorted ? values[lo] : Select(values, lo);
        var high = sorted ? values[hi] : Select(values, hi);
        return low + ((h - lo) * (high - low));
    }

    /// <summary>The k-th smallest value (0-based), reordering <paramref name="values"/> in place (Hoare's selection).</summary>
    internal static double Select(double[] values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
