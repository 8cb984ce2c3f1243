namespace Mpg.Gate.Ingest.LmEval;

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

    /// <summary>
    /// Why an estimated n is what it is. For a binary metric over n items the value is k/n, so value × n is a whole
    /// number; where it is not, the metric is graded (truthfulqa_mc2's probability mass), its stderr is not
    /// √(p(1−p)/(n−1)), and the estimate can be far off (mc2: 1,276 for 817 questions).
    /// </summary>
    public static string Reason(double value, int n) =>
        Math.Abs(value * n - Math.Round(value * n)) < 0.02
            ? "from the stderr (no item count in the file)"
            : "from the stderr, but the metric is graded (value × n is not a whole number), so the binomial estimate is approximate";
}
