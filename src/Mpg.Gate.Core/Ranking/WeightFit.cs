using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Ranking;

/// <summary>
/// Leaf weights that best predict a reference: non-negative least squares (Lawson–Hanson) of the reference on the
/// leaves' posterior means, with a free intercept. Judged only by leave-one-out, never in-sample, against the
/// equal-weight tree (which is fitted to nothing, so its plain correlation is already out-of-sample).
/// </summary>
public static class WeightFit
{
    /// <exception cref="InputException">Fewer than <see cref="ReferenceValidation.MinimumModels"/> models have every leaf and a reference score.</exception>
    public static WeightFitResult Fit(PolicyNode tree, IReadOnlyList<(RankedModel Model, double Score)> matched, string referenceFile)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(matched);
        var leaves = tree.Leaves().ToList();
        var complete = matched.Where(m => leaves.TrueForAll(l => m.Model.Nodes.ContainsKey(l.Id))).ToList();
        if (complete.Count < ReferenceValidation.MinimumModels)
        {
            throw new InputException(referenceFile, $"fitting weights needs at least {ReferenceValidation.MinimumModels} models with every benchmark and a reference score; there are {complete.Count}");
        }

        var x = complete.Select(m => leaves.Select(l => m.Model.Nodes[l.Id].Mean).ToArray()).ToArray();
        var y = complete.Select(m => m.Score).ToArray();
        var predictions = new double[complete.Count];
        for (var i = 0; i < complete.Count; i++)
        {
            var rows = Enumerable.Range(0, complete.Count).Where(j => j != i).ToList();
            var (intercept, w) = FitAffine(rows.Select(j => x[j]).ToArray(), rows.Select(j => y[j]).ToArray());
            predictions[i] = intercept + Dot(w, x[i]);
        }

        var (_, weights) = FitAffine(x, y);
        var total = weights.Sum();
        var shares = leaves.Select((l, k) => (l, Share: total > 0 ? weights[k] / total : 0)).ToList();
        var goodness = complete.Select(m => m.Model.Goodness.Mean).ToArray();
        var looPearson = Correlation.Pearson(predictions, y);
        var looSpearman = Correlation.Spearman(predictions, y);
        var equalPearson = Correlation.Pearson(goodness, y);
        var equalSpearman = Correlation.Spearman(goodness, y);
        // A constant prediction (every weight 0) correlates with nothing: reported as 0, which never beats equal weights.
        looPearson = double.IsFinite(looPearson) ? looPearson : 0;
        looSpearman = double.IsFinite(looSpearman) ? looSpearman : 0;
        var beats = looPearson > equalPearson;
        return new WeightFitResult(
            complete.Count,
            shares.ToDictionary(s => s.l.Id, s => Math.Round(s.Share, 4), StringComparer.Ordinal),
            looPearson, looSpearman, equalPearson, equalSpearman, beats,
            Snippet(shares, complete.Count, looPearson, equalPearson, beats));
    }

    /// <summary>Least squares of y on x with a free intercept and non-negative slopes: centre both, then NNLS.</summary>
    public static (double Intercept, double[] Weights) FitAffine(double[][] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Length;
        var p = x[0].Length;
        var xMean = Enumerable.Range(0, p).Select(k => x.Average(r => r[k])).ToArray();
        var yMean = y.Average();
        var a = Matrix<double>.Build.Dense(n, p, (i, k) => x[i][k] - xMean[k]);
        var b = Vector<double>.Build.Dense(n, i => y[i] - yMean);
        var w = NonNegativeLeastSquares(a, b);
        return (yMean - Dot(w, xMean), w);
    }

    /// <summary>Lawson and Hanson (1974): argmin ‖A w − b‖ subject to w ≥ 0, by an active set grown from the steepest gradient.</summary>
    public static double[] NonNegativeLeastSquares(Matrix<double> a, Vector<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var p = a.ColumnCount;
        var w = new double[p];
        var passive = new bool[p];
        var tolerance = 1e-12 * Math.Max(1, a.FrobeniusNorm() * b.L2Norm());
        for (var outer = 0; outer < 3 * p + 10; outer++)
        {
            var gradient = a.TransposeThisAndMultiply(b - (a * Vector<double>.Build.DenseOfArray(w)));
            var best = -1;
            for (var k = 0; k < p; k++)
            {
                if (!passive[k] && gradient[k] > tolerance && (best < 0 || gradient[k] > gradient[best]))
                {
                    best = k;
                }
            }

            if (best < 0)
            {
                break;
            }

            passive[best] = true;
            while (true)
            {
                var s = SolvePassive(a, b, passive);
                if (Enumerable.Range(0, p).Where(k => passive[k]).All(k => s[k] > 0))
                {
                    w = s;
                    break;
                }

                // Step from w towards s only as far as keeps every weight non-negative, and free the ones that hit 0.
                var alpha = Enumerable.Range(0, p).Where(k => passive[k] && s[k] <= 0).Min(k => w[k] / (w[k] - s[k]));
                for (var k = 0; k < p; k++)
                {
                    w[k] += alpha * (s[k] - w[k]);
                    if (passive[k] && w[k] <= 1e-15)
                    {
                        passive[k] = false;
                        w[k] = 0;
                    }
                }
            }
        }

        return w;
    }

    private static double[] SolvePassive(Matrix<double> a, Vector<double> b, bool[] passive)
    {
        var columns = Enumerable.Range(0, passive.Length).Where(k => passive[k]).ToArray();
        var s = new double[passive.Length];
        if (columns.Length == 0)
        {
            return s;
        }

        var sub = Matrix<double>.Build.Dense(a.RowCount, columns.Length, (i, c) => a[i, columns[c]]);
        // Normal equations with a tiny ridge: stable where two leaves are collinear, exact to rounding otherwise.
        var gram = sub.TransposeThisAndMultiply(sub) + (Matrix<double>.Build.DenseIdentity(columns.Length) * 1e-12);
        var solved = gram.Cholesky().Solve(sub.TransposeThisAndMultiply(b));
        for (var c = 0; c < columns.Length; c++)
        {
            s[columns[c]] = solved[c];
        }

        return s;
    }

    private static double Dot(double[] w, double[] x)
    {
        var sum = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            sum += w[k] * x[k];
        }

        return sum;
    }

    private static string Snippet(List<(PolicyNode Leaf, double Share)> shares, int n, double loo, double equal, bool beats)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"# fitted to the reference over {n} models: leave-one-out Pearson {loo:0.000}, equal weights {equal:0.000}").Append('\n');
        if (!beats)
        {
            text.Append("# the fitted weights do NOT predict the reference better than equal weights: keep the equal-weight tree\n");
        }

        var zero = shares.Where(s => Math.Round(s.Share, 3) <= 0).Select(s => s.Leaf.Id).ToList();
        if (zero.Count > 0)
        {
            text.Append(c, $"# weight 0 (left out): {string.Join(", ", zero)}").Append('\n');
        }

        text.Append("goodness:\n");
        foreach (var (leaf, share) in shares.Where(s => Math.Round(s.Share, 3) > 0))
        {
            text.Append(c, $"  - {{ benchmark: {leaf.Benchmark}");
            if (leaf.Metric is { } metric)
            {
                text.Append(c, $", metric: \"{metric}\"");
            }

            if (leaf.Id != leaf.Benchmark)
            {
                text.Append(c, $", id: {leaf.Id}");
            }

            text.Append(c, $", weight: {share:0.000} }}").Append('\n');
        }

        return text.ToString();
    }
}
