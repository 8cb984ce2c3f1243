namespace Mpg.Gate.Ranking;

/// <summary>
/// The posterior distribution of each model's rank: in every draw the models are ordered by their drawn score
/// (rank 1 the highest), and each model's ranks over the draws give its equal-tailed rank interval.
/// </summary>
public sealed class RankDistribution
{
    private readonly long[,] counts;
    private readonly int draws;

    private RankDistribution(long[,] counts, int draws)
    {
        this.counts = counts;
        this.draws = draws;
    }

    /// <param name="modelDraws">Per model, its draws of one node; all of one length, draw i of every model from one joint draw.</param>
    public static RankDistribution Of(IReadOnlyList<double[]> modelDraws)
    {
        ArgumentNullException.ThrowIfNull(modelDraws);
        var m = modelDraws.Count;
        var s = m == 0 ? 0 : modelDraws[0].Length;
        // Draws are split into fixed chunks whose counts are summed: the same result whatever the thread count.
        const int Chunk = 1024;
        var chunks = (s + Chunk - 1) / Chunk;
        var partial = new long[chunks][,];
        Parallel.For(0, chunks, Parallelism.Options, c =>
        {
            var local = new long[m, m];
            var values = new double[m];
            var order = new int[m];
            for (var d = c * Chunk; d < Math.Min(s, (c + 1) * Chunk); d++)
            {
                for (var i = 0; i < m; i++)
                {
                    values[i] = modelDraws[i][d];
                    order[i] = i;
                }

                Array.Sort(values, order);
                for (var k = 0; k < m; k++)
                {
                    local[order[k], m - 1 - k]++;
                }
            }

            partial[c] = local;
        });

        var total = new long[m, m];
        foreach (var local in partial)
        {
            for (var i = 0; i < m; i++)
            {
                for (var r = 0; r < m; r++)
                {
                    total[i, r] += local[i, r];
                }
            }
        }

        return new RankDistribution(total, s);
    }

    /// <summary>P(rank = <paramref name="rank"/>) of a model (both 1-based ranks and 0-based model index).</summary>
    public double Probability(int model, int rank) => (double)counts[model, rank - 1] / draws;

    /// <summary>The equal-tailed interval of a model's rank at <paramref name="level"/>: the tail quantiles of its rank over the draws.</summary>
    public (int Lower, int Upper) Interval(int model, double level)
    {
        var tail = (1 - level) / 2;
        var m = counts.GetLength(1);
        int? lower = null;
        var upper = m;
        long cumulative = 0;
        for (var r = 0; r < m; r++)
        {
            cumulative += counts[model, r];
            // Smallest rank whose cumulative share reaches the quantile (the inverse CDF, so bounds are whole ranks).
            if (lower is null && cumulative >= (tail * draws) - 1e-9)
            {
                lower = r + 1;
            }

            if (cumulative >= ((1 - tail) * draws) - 1e-9)
            {
                upper = r + 1;
                break;
            }
        }

        return (lower ?? 1, upper);
    }

    /// <summary>Share of draws in which <paramref name="a"/>'s draw exceeds <paramref name="b"/>'s.</summary>
    public static double PAbove(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var above = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i])
            {
                above++;
            }
        }

        return (double)above / a.Length;
    }
}
