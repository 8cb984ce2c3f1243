namespace Mpg.Gate.Ingest;

/// <summary>Expands the input paths and globs a user gives into the files to read.</summary>
public static class InputResolver
{
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

    /// <summary>
    /// Resolves each pattern against <paramref name="baseDirectory"/> (unless rooted): a plain file, a directory (every
    /// results_*.json, samples_*.jsonl and *.json under it), or a glob with *, ? and **. Returns full paths, sorted
    /// ordinally, without duplicates. A pattern that yields nothing throws <see cref="InputException"/> naming it.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> patterns, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            found.UnionWith(ResolveOne(pattern, baseDirectory));
        }

        return [.. found];
    }

    private static List<string> ResolveOne(string pattern, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new InputException(pattern ?? "", "empty input path");
        }

        try
        {
            var full = Path.GetFullPath(pattern, Path.GetFullPath(baseDirectory));
            if (!Glob.HasWildcard(pattern))
            {
                return Plain(pattern, full);
            }

            var (root, rest) = Glob.Split(full);
            var matches = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*", Recursive)
                    .Where(f => Glob.Matches(rest, Path.GetRelativePath(root, f).Replace('\\', '/').Split('/')))
                    .ToList()
                : [];
            return matches.Count > 0 ? matches : throw new InputException(pattern, $"no file matches \"{pattern}\"");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(pattern, $"cannot read input path: {ex.Message}");
        }
    }

    private static List<string> Plain(string pattern, string full)
    {
        if (File.Exists(full))
        {
            return [full];
        }

        if (!Directory.Exists(full))
        {
            throw new InputException(pattern, "file not found");
        }

        // A folder of runs: every harness output under it (results_*.json is a subset of *.json; legacy names vary).
        var files = Directory.EnumerateFiles(full, "*", Recursive)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || (Path.GetFileName(f).StartsWith("samples_", StringComparison.Ordinal) && f.EndsWith(".jsonl", StringComparison.Ordinal)))
            .ToList();
        return files.Count > 0 ? files : throw new InputException(pattern, "no results_*.json, samples_*.jsonl or *.json file in this directory");
    }
}
