namespace Mpg.Gate.Ingest;

/// <summary>
/// A small path glob: <c>*</c> and <c>?</c> within one path segment, <c>**</c> for any number of segments.
/// Matching is ordinal (case-sensitive), as file names are on the Linux runners CI uses.
/// </summary>
internal static class Glob
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Splits a rooted pattern into the deepest directory without wildcards and the rest, both '/'-separated.</summary>
    public static (string Root, string[] Pattern) Split(string fullPattern)
    {
        var segments = fullPattern.Replace('\\', '/').Split('/');
        var first = Array.FindIndex(segments, HasWildcard);
        var root = string.Join('/', segments[..first]);
        return (root.Length == 0 ? "/" : root, segments[first..]);
    }

    /// <summary>Whether the '/'-separated relative path matches the pattern segments.</summary>
    public static bool Matches(string[] pattern, string[] path) => MatchFrom(pattern, 0, path, 0);

    private static bool MatchFrom(string[] pattern, int p, string[] path, int s)
    {
        if (p == pattern.Length)
        {
            return s == path.Length;
        }

        if (pattern[p] == "**")
        {
            // ** takes zero or more whole segments.
            for (var skip = s; skip <= path.Length; skip++)
            {
                if (MatchFrom(pattern, p + 1, path, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return s < path.Length && Segment(pattern[p], path[s]) && MatchFrom(pattern, p + 1, path, s + 1);
    }

    /// <summary>One segment: '*' any run of characters, '?' one character, anything else itself.</summary>
    internal static bool Segment(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]) && pattern[p] != '*')
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (starP >= 0)
            {
                // Backtrack: let the last '*' swallow one more character.
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
