using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>Δ = candidate − baseline over paired draws of one node, and the probabilities the gate tests.</summary>
public sealed record DeltaStats(double BaselineMean, double CandidateMean, DrawSummary Delta, double PRegression, double PImprovement)
{
    /// <returns>Null where either side has no draws for the node (its data is missing).</returns>
    public static DeltaStats? Of(double[]? baseline, double[]? candidate, double margin, double level)
    {
        if (baseline is null || candidate is null)
        {
            return null;
        }

        var delta = new double[candidate.Length];
        int below = 0, above = 0;
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = candidate[i] - baseline[i];
            if (delta[i] < -margin)
            {
                below++;
            }
            else if (delta[i] > margin)
            {
                above++;
            }
        }

        return new DeltaStats(baseline.Average(), candidate.Average(), DrawSummary.Of(delta, level), (double)below / delta.Length, (double)above / delta.Length);
    }
}
