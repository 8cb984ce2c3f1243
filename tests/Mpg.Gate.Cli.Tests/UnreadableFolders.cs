using System.Runtime.Versioning;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// A folder of a run that mpg may not read (mode 000): the walk ends at once with one line naming it, exit 3, never a
/// run scored from what happened to be readable. A build folder that cannot be read is not entered, so it stops nothing.
/// </summary>
/// <remarks>
/// The tests run as root in CI, and root reads any folder (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). As root the real mpg
/// therefore runs in a child process with those two capabilities dropped from its bounding set (util-linux's
/// <c>setpriv</c>), so the kernel applies the folder's mode to it as to any user; as another user it runs as it is.
/// <see cref="TheFolder_IsUnreadableToTheChild"/> shows the child is refused, so the tests cannot pass by reading it.
/// </remarks>
[UnsupportedOSPlatform("windows")] // file modes and setpriv: the suite runs on Linux, as CI does
public sealed class UnreadableFolders : IDisposable
{
    private readonly Mpg mpg = new();
    private readonly string locked;

    public UnreadableFolders()
    {
        var run = mpg.PathOf("run-42");
        Directory.CreateDirectory(Path.Combine(run, "Qwen__Qwen2.5-3B"));
        File.Copy(Mpg.SameSuite("Qwen__Qwen2.5-3B"), Path.Combine(run, "Qwen__Qwen2.5-3B", "results_2025-01-01T00-00-00.json"));
        locked = Path.Combine(run, "google__gemma-2-2b");
        Directory.CreateDirectory(locked);
        File.Copy(Mpg.SameSuite("google__gemma-2-2b"), Path.Combine(locked, "results_2025-01-01T00-00-00.json"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
    }

    public void Dispose()
    {
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        mpg.Dispose();
    }

    // Root without the two capabilities that let it read any folder; a user other than root needs nothing.
    private static string DropReadAnything => Environment.IsPrivilegedProcess ? "setpriv --bounding-set -dac_override,-dac_read_search -- " : "";

    // bash -c 'PREFIX; exec "$@"': the prefix puts setpriv in front of the command, so the limit is mpg's own.
    private static string AsAUser => $"set -e; set -- {DropReadAnything}\"$@\"";

    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);

    [Fact]
    public async Task TheFolder_IsUnreadableToTheChild()
    {
        // The same setpriv in front of ls; `false` then ends the shell before it would run mpg.
        var probe = await MpgProcess.RunAsync(mpg.WorkingDirectory, NoEnvironment, $"{DropReadAnything}ls '{locked}' >&2 || echo refused >&2; false", "--version");
        var root = await MpgProcess.RunAsync(mpg.WorkingDirectory, NoEnvironment, $"ls '{locked}' >&2 || echo refused >&2; false", "--version");

        Assert.Contains("refused", probe.Stderr, StringComparison.Ordinal);
        // As root the folder reads without the drop: the drop is what makes these tests mean anything.
        Assert.Equal(Environment.IsPrivilegedProcess, !root.Stderr.Contains("refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("run-42")]
    [InlineData("run-42/**/results_*.json")]
    public async Task ScoringAFolderWithAnUnreadableOne_ExitsThreeNamingIt(string input)
    {
        var result = await MpgProcess.RunAsync(mpg.WorkingDirectory, NoEnvironment, AsAUser, "score", "-i", input, "-o", "card.json");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("google__gemma-2-2b", line, StringComparison.Ordinal);
        Assert.Contains(input, line, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.False(File.Exists(mpg.PathOf("card.json")), "a scorecard was written from the readable half of the run");
    }

    [Fact]
    public async Task InitInAFolderWithAnUnreadableOne_ExitsThreeNamingIt()
    {
        var result = await MpgProcess.RunAsync(mpg.PathOf("run-42"), NoEnvironment, AsAUser, "init");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Contains("google__gemma-2-2b", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.False(File.Exists(mpg.PathOf("run-42/mpg.yml")));
    }

    [Fact]
    public async Task AnUnreadableBuildFolder_IsNotEntered()
    {
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var obj = Directory.CreateDirectory(mpg.PathOf("run-42/obj")).FullName;
        File.SetUnixFileMode(obj, UnixFileMode.None);
        try
        {
            var result = await MpgProcess.RunAsync(mpg.WorkingDirectory, NoEnvironment, AsAUser, "score", "-i", "run-42", "--model", "Qwen/Qwen2.5-3B", "-o", "card.json");

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        }
        finally
        {
            File.SetUnixFileMode(obj, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
