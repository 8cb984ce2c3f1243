using MathNet.Numerics.LinearAlgebra;
using Mpg.Gate.Ranking;

namespace Mpg.Gate.Core.Tests.Ranking;

/// <summary>
/// Lawson–Hanson against the exact answer: the NNLS optimum is the least-squares solution on some subset of columns
/// with every coefficient positive, the best such subset; for a few columns every subset can be tried.
/// </summary>
public sealed class NnlsOracle
{
    [Fact]
    public void ExactNonNegativeSolution_IsRecovered()
    {
        var random = new Random(3);
        var a = Matrix<double>.Build.Dense(30, 4, (_, _) => random.NextDouble());
        var truth = Vector<double>.Build.DenseOfArray([0.5, 0, 1.5, 0.25]);

        var w = WeightFit.NonNegativeLeastSquares(a, a * truth);

        Assert.Equal(truth.ToArray(), w, (x, y) => Math.Abs(x - y) < 1e-8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void NoisyTarget_MatchesTheBestFeasibleSubset(int seed)
    {
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(25, 5, (_, _) => random.NextDouble() - 0.3);
        var b = Vector<double>.Build.Dense(25, _ => random.NextDouble() - 0.5);

        var w = Vector<double>.Build.DenseOfArray(WeightFit.NonNegativeLeastSquares(a, b));

        Assert.All(w, v => Assert.True(v >= 0));
        Assert.Equal(BruteForceResidual(a, b), (a * w - b).L2Norm(), 9);
    }

    private static double BruteForceResidual(Matrix<double> a, Vector<double> b)
    {
        var best = b.L2Norm();
        for (var mask = 1; mask < 1 << a.ColumnCount; mask++)
        {
            var columns = Enumerable.Range(0, a.ColumnCount).Where(k => (mask & (1 << k)) != 0).ToArray();
            var sub = Matrix<double>.Build.Dense(a.RowCount, columns.Length, (i, c) => a[i, columns[c]]);
            var s = sub.QR().Solve(b);
            if (s.All(v => v >= 0))
            {
                best = Math.Min(best, (sub * s - b).L2Norm());
            }
        }

        return best;
    }
}
