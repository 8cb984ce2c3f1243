using Mpg.Gate.Tests.Shared;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// Faults of the PostgreSQL server itself, on a cluster of the test's own (<see cref="PrivateServer"/>): a restart in the
/// middle of a run. Either way the store holds exactly the records it held before plus
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

        var run = MpgProcess.RunAsync(
            mpg.WorkingDirectory, server.ProcessEnvironment, null,
            "gate", "-p", Mpg.Data("cli", "suite.yml"), "--candidate", fifo, "--baseline", "history:main", "--history", server.ConnectionString,
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
        Assert.Equal(1L, server.Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"));
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

    private Mpg.Result Record(PrivateServer server, string commit) =>
        mpg.RunWith(server.Environment, "history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", server.ConnectionString, "--scorecard", "card.json", "--branch", "main", "--commit", commit);

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
