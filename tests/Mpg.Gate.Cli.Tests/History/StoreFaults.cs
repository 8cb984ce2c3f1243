using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Mpg.Gate.Tests.Shared;
using Npgsql;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// A store that fails in the middle of a write: the run says so with exit 4, and the store holds every record it held
/// before and nothing half-written. The PostgreSQL server is real; between it and mpg sits a small TCP relay of ours
/// that can drop the connection at the moment mpg sends its INSERT, as a server restart or a lost network would.
/// </summary>
public sealed class StoreFaults : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private string Card()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        return "card.json";
    }

    private Mpg.Result Record(string store, string commit, Func<string, string?>? environment = null) =>
        mpg.RunWith(environment ?? (_ => null), "history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", store, "--scorecard", "card.json", "--branch", "main", "--commit", commit);

    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public void ConnectionLostAtTheInsert_ExitsFour_AndTheStoreKeepsWhatItHadAndNoHalfRecord()
    {
        using var database = new PostgresDatabase();
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        using var relay = new CuttingRelay(server.Host!, server.Port, "INSERT INTO mpg_records");
        var store = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Pooling = false, Timeout = 10 }.ConnectionString;
        Card();
        Assert.Equal(0, Record(store, "a1", database.ProcessEnvironment).ExitCode);

        relay.Cutting = true;
        var lost = Record(store, "a2", database.ProcessEnvironment);

        Assert.Equal(4, lost.ExitCode);
        Assert.Contains("error MPG4002", lost.Stderr, StringComparison.Ordinal);
        Assert.False(lost.HasStackTrace, lost.Stderr);
        Assert.True(relay.Cuts >= 1);
        Assert.Equal(1L, database.Scalar("SELECT count(*) FROM mpg_records"));

        relay.Cutting = false;
        Assert.Equal(0, Record(store, "a3", database.ProcessEnvironment).ExitCode);
        Assert.Equal(["a1", "a3"], ((string)database.Scalar("SELECT string_agg(commit_sha, ',' ORDER BY id) FROM mpg_records")!).Split(','));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ALockedSqliteFile_MakesTheWriterWait_ThenRecordsOnce()
    {
        Card();
        Assert.Equal(0, Record("sqlite:history.db", "a1").ExitCode);
        using var holder = new SqliteConnection($"Data Source={mpg.PathOf("history.db")};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        // Another process's write transaction holds the file for two seconds; mpg's busy timeout (60 s) outlasts it.
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        });
        var waited = Record("sqlite:history.db", "a2");
        await release;

        Assert.Equal(0, waited.ExitCode);
        using var check = new SqliteConnection($"Data Source={mpg.PathOf("history.db")};Pooling=False");
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT group_concat(commit_sha) FROM (SELECT commit_sha FROM mpg_records ORDER BY id)";
        Assert.Equal("a1,a2", count.ExecuteScalar());
    }

    /// <summary>
    /// Relays TCP to the server; while <see cref="Cutting"/>, a client message that contains the marker closes both
    /// sides before it is forwarded (the server sees a connection lost mid-transaction and rolls it back).
    /// </summary>
    private sealed class CuttingRelay : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly string host;
        private readonly int port;
        private readonly byte[] marker;
        private readonly CancellationTokenSource stop = new();
        private int cuts;

        public CuttingRelay(string host, int port, string marker)
        {
            this.host = host;
            this.port = port;
            this.marker = Encoding.UTF8.GetBytes(marker);
            listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public volatile bool Cutting;

        public int Cuts => Volatile.Read(ref cuts);

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = Task.Run(() => RelayAsync(client));
            }
        }

        private async Task RelayAsync(TcpClient client)
        {
            using (client)
            using (var upstream = new TcpClient())
            {
                try
                {
                    await upstream.ConnectAsync(host, port, stop.Token);
                    var down = Pump(upstream.GetStream(), client.GetStream(), check: false);
                    var up = Pump(client.GetStream(), upstream.GetStream(), check: true);
                    await Task.WhenAny(down, up);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // A relay that ends, ends: the client sees the connection lost, which is the point.
                }
            }
        }

        private async Task Pump(NetworkStream from, NetworkStream to, bool check)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await from.ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    return;
                }

                if (check && Cutting && buffer.AsSpan(0, read).IndexOf(marker) >= 0)
                {
                    Interlocked.Increment(ref cuts);
                    return; // both sockets close as RelayAsync leaves
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
