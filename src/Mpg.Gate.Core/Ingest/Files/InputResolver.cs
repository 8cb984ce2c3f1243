using System.IO.Enumeration;

namespace Mpg.Gate.Ingest;

/// <summary>Expands the input paths and globs a user gives into the files to read.</summary>
public static class InputResolver
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "artifacts", "node_modules"];

    private static readonly string[] OtherOutputs = [".json", ".eval", ".jsonl", ".csv"];

    // Links are not followed: a link to a parent folder would read every file again through each longer path (a symlink
    // loop read one CSV 41 times as 41 repeats). A linked file is still read when named itself. A folder that cannot be
    // read is an input error naming it, not skipped: its files may be the run (docs/RELIABILITY.md).
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
    };

    /// <summary>
    /// The files below <paramref name="root"/>, never entering a hidden or build folder (.mpg, .git, bin, obj,
    /// artifacts, node_modules): a stored scorecard or a report there is not an eval output, and a build folder that
    /// cannot be read must not stop the walk.
    /// </summary>
    private static IEnumerable<string> Walk(string root) =>
        new FileSystemEnumerable<string>(root, (ref FileSystemEntry entry) => entry.ToFullPath(), Recursive)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !SkippedFolder(entry.FileName),
        };

    private static bool SkippedFolder(ReadOnlySpan<char> name) =>
        (name.StartsWith('.') && name is not ".") || SkippedFolders.Contains(name.ToString());

    /// <summary>
    /// Resolves each pattern against <paramref name="baseDirectory"/> (unless rooted): a plain file, a directory (its
    /// results*.json and samples_*.jsonl, else its *.json; hidden and build folders skipped), or a glob with *, ? and ** (the same folders skipped
    /// below its fixed part). Returns full paths, sorted
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
                // As in a folder: `**/*.json` must not read the scorecard in .mpg/ or a report in artifacts/.
                ? Walk(root)
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

        // A folder of runs: the harness's own file names (results_*.json, samples_*.jsonl). Other tools' outputs (and
        // legacy v0.3 files) are named freely, so a folder with none of those gives every *.json, *.eval (Inspect),
        // *.jsonl and *.csv, whose format is then told by content. Hidden folders (.mpg, .git) and build outputs are
        // skipped: a stored scorecard or a report there is not an eval output.
        var candidates = Walk(full).ToList();
        var files = candidates.Where(IsHarnessOutput).ToList();
        if (files.Count == 0)
        {
            files = candidates.Where(f => OtherOutputs.Any(ext => f.EndsWith(ext, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        return files.Count > 0 ? files : throw new InputException(pattern, "no results_*.json, samples_*.jsonl, *.json, *.eval, *.jsonl or *.csv file in this directory");
    }

    private static bool IsHarnessOutput(string file)
    {
        var name = Path.GetFileName(file);
        return (name.StartsWith("results", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            || (name.StartsWith("samples_", StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal));
    }
}
