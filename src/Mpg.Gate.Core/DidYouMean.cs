namespace Mpg.Gate;

/// <summary>
/// Picks the candidate a user most likely meant when they typed something unknown
/// (a key, an enum value, a node id, a benchmark). Returns null when nothing is close,
/// because a far-fetched suggestion is worse than none.
/// </summary>
public static class DidYouMean
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);

        var typed = input.ToLowerInvariant();
        var threshold = Math.Max(2, typed.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var lower = candidate.ToLowerInvariant();
            var distance = Distance(typed, lower);
            if (distance >= bestDistance || !IsClose(typed, lower, distance, threshold))
            {
                continue;
            }

            best = candidate;
            bestDistance = distance;
        }

        return best;
    }

    private static bool IsClose(string typed, string candidate, int distance, int threshold)
    {
        // A distance as large as the longer word means "replace everything": not a typo.
        if (distance <= threshold && distance < Math.Max(typed.Length, candidate.Length))
        {
            return true;
        }

        // Task families share a stem (mmlu / mmlu_pro, arc / arc_challenge): an edit distance
        // alone would call them far apart, yet the stem is what the user was reaching for.
        var (shorter, longer) = typed.Length <= candidate.Length ? (typed, candidate) : (candidate, typed);
        return shorter.Length >= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus swaps of two adjacent letters.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
