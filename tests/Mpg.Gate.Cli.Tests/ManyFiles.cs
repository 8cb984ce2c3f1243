namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// A folder or glob matching 100,000 files (an artifact download gone wrong, a cache folder given by mistake) ends at
/// the first file that is not an eval output, with its name, rather than reading on. Bounded by the file count, not by time.
/// </summary>
public sealed class ManyFiles : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void AHundredThousandFiles_EndAtTheFirstUnreadableOneWithItsName()
    {
        for (var i = 0; i < 100_000; i++)
        {
            var folder = mpg.PathOf(Path.Combine("run-9", $"d{i / 1000:000}"));
            if (i % 1000 == 0)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(Path.Combine(folder, $"results_{i}.json"), "{}");
        }

        // One folder of files, three ways in: a folder, a glob, and init walking it.
        foreach (var args in new[] { new[] { "score", "-i", "run-9" }, ["score", "-i", "run-9/**/*.json"], ["init", "-i", "run-9"] })
        {
            var result = mpg.Run(args);

            Assert.True(result.ExitCode == 3, $"mpg {string.Join(' ', args)}: {result.ExitCode} {result.Stderr}");
            Assert.False(result.HasStackTrace, result.Stderr);
            Assert.StartsWith(mpg.PathOf(Path.Combine("run-9", "d000", "results_0.json")) + ": error MPG3001: not a recognised eval output", result.Stderr, StringComparison.Ordinal);
        }
    }
}
