using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Mpg.Gate.Tests.Shared;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// Faults of the PostgreSQL server itself, on a cluster of the test's own (<see cref="PrivateServer"/>): a restart in the
/// middle of a run, and a server whose disk is full. Either way the store holds exactly the records it held before plus
/// whole ones, never half of one, and takes the next run's record.
/// </summary>
public sealed class ServerFaults : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <remarks>
    /// The middle of the run, made deterministic: the candidate scorecard is a FIFO the test holds. mpg reads its
    /// baseline (<c>history:main</c>) from the store first, on the connection it keeps for the run, and only then opens the
    /// candidate; the test's open of the FIFO for writing returns at that moment. The test checks mpg's connection is
    /// there, restarts the server (<c>pg_ctl restart -m fast</c>, which ends every connection), and only then writes the
    /// candidate, so everything mpg does with the store after its first use (the trend, the INSERT) meets a restarted
    /// server on a connection that server ended. mpg finds the connection ended before it sends its next statement,
    /// connects again and records: exit 0, one whole record; nothing of the run was under way when the server went.
    /// </remarks>
    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public async Task AServerRestartInTheMiddleOfAGate_IsMetByConnectingAgain_AndTheRecordIsWhole()
    {
        using var server = new PrivateServer();
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        Assert.Equal(0, Record(server, "a1").ExitCode);
        var fifo = mpg.PathOf("candidate.fifo");
        MakeFifo(fifo);

        // The gate's connection carries a name of its own, so the test can tell it from backends of earlier runs still exiting.
        var store = server.ConnectionString + ";Application Name=mpg-restart-test";
        var run = MpgProcess.RunAsync(
            mpg.WorkingDirectory, server.ProcessEnvironment, null,
            "gate", "-p", Mpg.Data("cli", "suite.yml"), "--candidate", fifo, "--baseline", "history:main", "--history", store,
            "--record", "--branch", "main", "--commit", "a2", "--json", "verdict.json");
        var writer = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
        if (await Task.WhenAny(writer, run, Task.Delay(Generous)) != writer)
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Read))
            {
                // Opening the other end lets the test's own open return, so nothing is left blocked.
            }

            (await writer).Dispose();
            Assert.Fail($"mpg never opened its candidate: {(run.IsCompleted ? (await run).Stderr : "still running")}");
        }

        var startedBefore = server.Scalar("SELECT pg_postmaster_start_time()::text");
        Assert.Equal(1L, server.Scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mpg-restart-test'"));
        server.Restart();
        Assert.NotEqual(startedBefore, server.Scalar("SELECT pg_postmaster_start_time()::text"));
        await using (var candidate = await writer)
        {
            await candidate.WriteAsync(await File.ReadAllBytesAsync(mpg.PathOf("card.json")));
        }

        var result = await run;

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"mpg: recorded 2: suite on main @ a2 in {server.Display}", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.DoesNotContain(server.Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal("a1,a2", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));
        Assert.Equal(0, mpg.RunWith(server.Environment, "history", "show", "latest", "-p", Mpg.Data("cli", "suite.yml"), "--history", server.ConnectionString).ExitCode);
        Assert.Equal(mpg.Json("verdict.json").GetProperty("verdict").GetString(), server.Scalar("SELECT verdict FROM mpg_records WHERE commit_sha = 'a2'"));

        Assert.Equal(0, Record(server, "a3").ExitCode);
        Assert.Equal("a1,a2,a3", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));
    }

    /// <remarks>
    /// The worst moment for a restart, made deterministic: the test holds the records table in EXCLUSIVE mode (reads
    /// pass, writes wait), so mpg's INSERT waits on the lock inside its transaction; once the server shows it waiting
    /// there, the test restarts the server. The statement under way is lost with its connection: exit 4, nothing of it
    /// committed, and mpg does not retry it (it cannot know, in general, whether a statement it lost had committed).
    /// </remarks>
    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public async Task AServerRestartWhileTheInsertIsUnderWay_ExitsFour_AndTheStoreKeepsWhatItHad()
    {
        using var server = new PrivateServer();
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        Assert.Equal(0, Record(server, "a1").ExitCode);
        var store = server.ConnectionString + ";Application Name=mpg-restart-test";
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = server.Password, Pooling = false }.ConnectionString);
        holder.Open();
        var hold = holder.BeginTransaction();
        using (var lockTable = new NpgsqlCommand("LOCK TABLE mpg_records IN EXCLUSIVE MODE", holder, hold))
        {
            lockTable.ExecuteNonQuery();
        }

        var run = Task.Run(() => mpg.RunWith(
            server.Environment, "gate", "-p", Mpg.Data("cli", "suite.yml"), "--candidate", "card.json", "--baseline", "history:main", "--history", store,
            "--record", "--branch", "main", "--commit", "a2", "--json", "verdict.json"));
        var waited = Stopwatch.StartNew();
        while (!run.IsCompleted && waited.Elapsed < Generous
            && server.Scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mpg-restart-test' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO mpg_records%'") is not 1L)
        {
            await Task.Delay(100);
        }

        Assert.False(run.IsCompleted, $"mpg finished before its INSERT waited: {(run.IsCompleted ? (await run).Stderr : "")}");
        server.Restart();
        var result = await run.WaitAsync(Generous);
        try
        {
            hold.Dispose();
            holder.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The holder's connection went with the restart too.
        }

        Assert.True(result.ExitCode == 4, result.Stderr);
        Assert.Equal(
            $"{server.Display}: error MPG4002: the server ended the connection (it was shut down or restarted): terminating connection due to administrator command (SQLSTATE 57P01)",
            Assert.Single(result.Stderr.Split('\n'), l => l.Contains("MPG4002", StringComparison.Ordinal)));
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.False(File.Exists(mpg.PathOf("verdict.json")));
        Assert.Equal("a1", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));

        Assert.Equal(0, Record(server, "a3").ExitCode);
        Assert.Equal("a1,a3", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));
    }

    /// <remarks>
    /// The full disk: the postmaster runs under <c>ulimit -f 3072</c> (KiB) and PostgreSQL ignores SIGXFSZ, so a write
    /// past 3 MiB fails with EFBIG ("File too large"), as one on a full disk fails with ENOSPC. WAL segments are made
    /// 1 MiB (<c>initdb --wal-segsize=1</c>) so the server's own log of changes fits; a record of about 4 MB of scorecard
    /// that does not compress (random item excerpts) cannot go into the records' TOAST table, whose file the limit stops
    /// at 3 MiB: the server fails the INSERT ("could not extend file"), rolls it back and keeps serving.
    /// </remarks>
    [Theory]
    [Trait("Category", PostgresDatabase.Category)]
    [InlineData("history")]
    [InlineData("gate")]
    public void AServerWithAFullDisk_ExitsFour_AndKeepsExactlyItsRecords(string how)
    {
        using var server = new PrivateServer(fileLimitKib: 3072, initdbArguments: "--wal-segsize=1");
        WriteRuns();
        Assert.Equal(0, mpg.Run("score", "-p", "mpg.yml", "-i", "small.csv", "--samples", "500", "-o", "small.json").ExitCode);
        Assert.Equal(0, mpg.Run("score", "-p", "mpg.yml", "-i", "big.csv", "--samples", "500", "-o", "big.json").ExitCode);
        Assert.True(new FileInfo(mpg.PathOf("big.json")).Length > 3 << 20, "the big scorecard is too small to overflow the limit");
        Assert.Equal(0, RecordOf(server, how, "small.json", "a1").ExitCode);

        var full = RecordOf(server, how, "big.json", "a2");

        Assert.True(full.ExitCode == 4, full.Stderr);
        var line = Assert.Single(full.Stderr.Split('\n'), l => l.Contains("error MPG4002", StringComparison.Ordinal));
        Assert.StartsWith($"{server.Display}: error MPG4002: ", line, StringComparison.Ordinal);
        Assert.Contains("File too large", line, StringComparison.Ordinal);
        Assert.False(full.HasStackTrace, full.Stderr);
        Assert.Equal("a1", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));
        var list = mpg.RunWith(server.Environment, "history", "list", "-p", "mpg.yml", "--history", server.ConnectionString);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(" a1 ", list.Stdout, StringComparison.Ordinal);

        // The failed INSERT's rows fill the file up to the limit, dead; vacuuming (autovacuum would, in time) makes their
        // space free again, as freeing a full disk would: the next record fits.
        server.Scalar("VACUUM mpg_records");
        var next = RecordOf(server, how, "small.json", "a3");
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Equal("a1,a3", server.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records"));
        Assert.Equal(0, mpg.RunWith(server.Environment, "history", "show", "latest", "-p", "mpg.yml", "--history", server.ConnectionString).ExitCode);
    }

    private Mpg.Result Record(PrivateServer server, string commit) =>
        mpg.RunWith(server.Environment, "history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", server.ConnectionString, "--scorecard", "card.json", "--branch", "main", "--commit", commit);

    private Mpg.Result RecordOf(PrivateServer server, string how, string card, string commit) => how == "history"
        ? mpg.RunWith(server.Environment, "history", "record", "-p", "mpg.yml", "--history", server.ConnectionString, "--scorecard", card, "--branch", "main", "--commit", commit)
        : mpg.RunWith(server.Environment, "gate", "-p", "mpg.yml", "--candidate", card, "--baseline", "small.json", "--history", server.ConnectionString, "--record", "--branch", "main", "--commit", commit);

    /// <summary>Eight benchmarks: a small run of 20 items each, and a big one of 1,600 each whose inputs are 300 random hex digits (kept as excerpts).</summary>
    private void WriteRuns()
    {
        const int benchmarks = 8;
        var random = new Random(20261204);
        var big = Enumerable.Range(0, benchmarks * 1600).Select(i => $"m,qa{i % benchmarks},{i},{i % 3 % 2},{Convert.ToHexString(RandomBytes(random, 150))}");
        var small = Enumerable.Range(0, benchmarks * 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"m,qa{i % benchmarks},{i},{i % 3 % 2},question {i}"));
        File.WriteAllLines(mpg.PathOf("big.csv"), ["model,benchmark,item,score,input", .. big]);
        File.WriteAllLines(mpg.PathOf("small.csv"), ["model,benchmark,item,score,input", .. small]);
        var leaves = Enumerable.Range(0, benchmarks).Select(b => $"  - {{ benchmark: qa{b} }}");
        File.WriteAllLines(mpg.PathOf("mpg.yml"), ["version: 1", "name: chat", "goodness:", .. leaves, "gate:", "  min_n: 10", "  rules:", "    - { node: goodness }"]);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
