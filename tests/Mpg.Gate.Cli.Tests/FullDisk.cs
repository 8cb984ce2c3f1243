using Microsoft.Data.Sqlite;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Every place mpg writes, when the disk will take no more: the SQLite history (exit 4, MPG4002; the store still opens
/// and holds exactly the records it held, and takes the next one) and the scorecard, baseline and report files (exit 3,
/// MPG3001, one line naming the file; the old file byte for byte as it was, no temporary file left).
/// </summary>
/// <remarks>
/// How the disk is made full: the real mpg runs in a child process under a file size limit (<c>ulimit -f</c>) with
/// SIGXFSZ ignored, so the kernel refuses every write past the limit (a short write, then EFBIG), the same failing
/// write(2) a full disk gives with ENOSPC; SQLite turns the short write into SQLITE_FULL as it does on a full disk.
/// Chosen over a small tmpfs mount because it needs no privilege (a mount needs CAP_SYS_ADMIN, which a container or a
/// runner that is not root lacks), leaves nothing to clean up (the limit dies with the process; a mount outlives a test
/// killed before its cleanup), and cannot touch the test host (the limit is the child's own). What it does not give is
/// the errno ENOSPC itself: .NET reports a refused preallocation as ArgumentOutOfRangeException for EFBIG and as an
/// IOException for ENOSPC, which is why OutputFiles writes through a stream that does not preallocate (both errnos then
/// come back as IOException). CoreCLR sizes a double-mapped memory file for W^X at start, which the limit refuses, so
/// the child runs with DOTNET_EnableWriteXorExecute=0. The bash prefix runs under <c>set -e</c>: a limit that cannot be
/// set fails the run, and the test with it (never a skip); <see cref="TheLimit_RefusesAWriteBeyondIt"/> shows the kernel
/// enforces it here.
/// </remarks>
public sealed class FullDisk : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["DOTNET_EnableWriteXorExecute"] = "0" };

    private static string Limit(int kibibytes) => $"set -e; ulimit -f {kibibytes}; trap '' XFSZ";

    private const string Policy = "mpg.yml";

    private const string Run = "items.csv";

    private const int Benchmarks = 8;

    /// <summary>
    /// A run of 8 benchmarks of 250 items, each with a 200-character input (kept as its excerpt), all gated: a scorecard
    /// of about 650 KB, a JUnit file of a test case per rule.
    /// </summary>
    public FullDisk()
    {
        var rows = Enumerable.Range(0, Benchmarks * 250).Select(i => $"m,qa{i % Benchmarks},{i},{i % 3 % 2},question {i} {new string('x', 200)}");
        File.WriteAllLines(mpg.PathOf(Run), ["model,benchmark,item,score,input", .. rows]);
        var leaves = Enumerable.Range(0, Benchmarks).Select(b => $"  - {{ benchmark: qa{b} }}");
        var rules = Enumerable.Range(0, Benchmarks).Select(b => $"    - {{ node: qa{b} }}");
        File.WriteAllLines(mpg.PathOf(Policy), ["version: 1", "name: chat", "goodness:", .. leaves, "gate:", "  rules:", .. rules]);
    }

    [Fact]
    public async Task TheLimit_RefusesAWriteBeyondIt()
    {
        var probe = await MpgProcess.RunAsync(mpg.WorkingDirectory, Environment, Limit(4) + "; head -c 65536 /dev/zero > probe || echo refused >&2; false", "--version");

        Assert.Contains("refused", probe.Stderr, StringComparison.Ordinal);
        Assert.Equal(4096, new FileInfo(mpg.PathOf("probe")).Length);
    }

    [Theory]
    [InlineData("history")]
    [InlineData("gate")]
    public async Task ASqliteHistoryOnAFullDisk_ExitsFour_AndKeepsExactlyItsRecords(string how)
    {
        Assert.Equal(0, mpg.Run("score", "-p", Policy, "-i", Run, "-o", "card.json").ExitCode);
        // A record carries the scorecard (about 650 KB): its pages cannot go into the write-ahead log under 64 KiB, while
        // the store's shared-memory index (32 KiB) fits, and its file (written by the first record) need not grow.
        Assert.True(new FileInfo(mpg.PathOf("card.json")).Length > 256 << 10, "the scorecard is too small to overflow the limit");
        Assert.Equal(0, Record(how, "a1").ExitCode);

        var full = await MpgProcess.RunAsync(mpg.WorkingDirectory, Environment, Limit(64), RecordArgs(how, "a2"));

        Assert.True(full.ExitCode == 4, full.Stderr);
        Assert.Contains("error MPG4002", full.Stderr, StringComparison.Ordinal);
        Assert.Contains("history.db", full.Stderr, StringComparison.Ordinal);
        Assert.False(full.HasStackTrace, full.Stderr);
        Assert.Equal(["a1"], Commits());
        Assert.Equal("ok", Sqlite("PRAGMA integrity_check"));

        Assert.Equal(0, Record(how, "a3").ExitCode);
        Assert.Equal(["a1", "a3"], Commits());
    }

    public static TheoryData<string, string[]> Writes() => new()
    {
        { "card.json", ["score", "-p", Policy, "-i", Run, "-o", "card.json"] },
        { ".mpg/baseline.json", ["score", "-p", Policy, "-i", Run, "-o", ".mpg/baseline.json"] },
        { "verdict.json", ["gate", "-p", Policy, "-i", Run, "--baseline", "base.json", "--json", "verdict.json"] },
        { "mpg.md", ["gate", "-p", Policy, "-i", Run, "--baseline", "base.json", "--report-md", "mpg.md"] },
        { "mpg.junit.xml", ["gate", "-p", Policy, "-i", Run, "--baseline", "base.json", "--junit", "mpg.junit.xml"] },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task AFileOnAFullDisk_ExitsThreeNamingIt_AndTheOldFileStands(string file, string[] args)
    {
        Assert.Equal(0, mpg.Run("score", "-p", Policy, "-i", Run, "--samples", "500", "-o", "base.json").ExitCode);
        Assert.True(new FileInfo(mpg.PathOf("base.json")).Length > 2 << 10);
        Directory.CreateDirectory(mpg.PathOf(".mpg"));
        var old = "the old " + file + ", which must survive\n" + new string('x', 100);
        File.WriteAllText(mpg.PathOf(file), old);

        // 1 KiB, the least a .NET process starts under: every one of these files is longer (the JUnit file, the shortest,
        // has 9 test cases), so the disk takes none of it whole.
        var full = await MpgProcess.RunAsync(mpg.WorkingDirectory, Environment, Limit(1), args);

        Assert.True(full.ExitCode == 3, full.Stderr);
        var line = Assert.Single(full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("error MPG3001", StringComparison.Ordinal));
        Assert.StartsWith(file + ": error MPG3001: cannot write this file: File too large", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", line, StringComparison.Ordinal);
        Assert.False(full.HasStackTrace, full.Stderr);
        Assert.Equal(old, File.ReadAllText(mpg.PathOf(file)));
        Assert.Empty(Directory.GetFiles(mpg.WorkingDirectory, "*.tmp", SearchOption.AllDirectories));
    }

    private string[] RecordArgs(string how, string commit) => how == "history"
        ? ["history", "record", "-p", Policy, "--history", "sqlite:history.db", "--scorecard", "card.json", "--branch", "main", "--commit", commit]
        : ["gate", "-p", Policy, "--candidate", "card.json", "--baseline", "card.json", "--record", "--history", "sqlite:history.db", "--branch", "main", "--commit", commit];

    private Mpg.Result Record(string how, string commit) => mpg.Run(RecordArgs(how, commit));

    private List<string> Commits() => [.. ((string?)Sqlite("SELECT group_concat(commit_sha) FROM (SELECT commit_sha FROM mpg_records ORDER BY id)") ?? "").Split(',')];

    private object? Sqlite(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={mpg.PathOf("history.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
