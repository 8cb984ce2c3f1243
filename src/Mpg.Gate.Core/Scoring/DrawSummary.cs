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

        // Two quantiles need four order statistics, not a full sort: selection is linear in the draws. After selecting
        // the k-th smallest everything to its right is no smaller, so the (k+1)-th is the minimum of the right part and the
        // upper quantile is selected in the right part only (one selection and a half instead of four; ranking summarises
        // 200,000 leaves).
        var work = (double[])draws.Clone();
        var tail = (1 - level) / 2;
        var lower = Quantile(work, tail, 0);
        var upper = Quantile(work, 1 - tail, (int)Math.Min(Math.Floor((n - 1) * tail) + 1, n - 1));
        return new DrawSummary(mean, Math.Sqrt(ss / (n - 1)), lower, upper);
    }

    /// <summary><see cref="Quantile(double[], double, bool)"/> of unsorted values whose order statistics from <paramref name="from"/> on lie in values[from..].</summary>
    private static double Quantile(double[] values, double p, int from)
    {
        var h = (values.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, values.Length - 1);
        var low = Select(values, lo, Math.Min(from, lo));
        var high = low;
        if (hi != lo)
        {
            high = values[hi];
            for (var i = hi + 1; i < values.Length; i++)
            {
                high = Math.Min(high, values[i]);
            }
        }

        return low + ((h - lo) * (high - low));
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
    internal static double Select(double[] values, int k, int from = 0)
    {
        int left = from, right = values.Length - 1;
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
