namespace Mpg.Gate.Ingest;

/// <summary>
/// Item count recovered from an accuracy and its standard error, for files that give no count (legacy v0.3):
/// se² = acc(1−acc)/(n−1), so n = acc(1−acc)/se² + 1 (DESIGN.md, "Leaf posterior").
/// </summary>
internal static class StderrEstimate
{
    public static int? N(double value, double? stderr)
    {
        if (stderr is not { } se || !double.IsFinite(se) || se <= 0 || value <= 0 || value >= 1)
        {
            return null; // at 0 or 1 the stderr is 0 and says nothing about n
        }

        var n = Math.Round(value * (1 - value) / (se * se) + 1, MidpointRounding.AwayFromZero);
        return n is >= 1 and <= int.MaxValue ? (int)n : null;
    }
}
