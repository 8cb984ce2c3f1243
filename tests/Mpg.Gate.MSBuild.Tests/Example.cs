namespace Mpg.Gate.MSBuild.Tests;

/// <summary>A private copy of examples/lm-eval (policy, baseline, real runs), so reports land in a temp folder.</summary>
internal sealed class Example : IDisposable
{
    public Example()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mpg-msbuild-").FullName;
        Copy(Path.Combine(Repository.Root, "examples", "lm-eval"), Directory);
    }

    public string Directory { get; }

    public string Policy => Path.Combine(Directory, "mpg.yml");

    public string RegressedRun => System.IO.Directory.GetFiles(Path.Combine(Directory, "runs", "meta-llama__Llama-3.2-1B"), "results_*.json").Single();

    /// <summary>The 1-based line of the policy holding <paramref name="text"/>: where a rule's error must point.</summary>
    public int LineOf(string text) => Array.FindIndex(File.ReadAllLines(Policy), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public static void Copy(string from, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("artifacts", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mpg.Gate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Mpg.Gate.sln not found above " + AppContext.BaseDirectory);
    }
}
