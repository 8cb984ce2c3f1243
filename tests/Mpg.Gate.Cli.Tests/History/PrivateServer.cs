using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// A PostgreSQL cluster of one test's own, made by the script CI uses (<c>.ci/postgres start</c>, copied beside the
/// tests as <c>ci/postgres</c>): a test may restart it or start it under a file size limit without touching the
/// shared test server other tests use at the same time. Stopped and deleted at the end. Without PostgreSQL installed
/// the test fails saying so (never a skip); the script installs nothing when it is present.
/// </summary>
internal sealed partial class PrivateServer : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly string folder;
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    /// <param name="fileLimitKib">Where set, the server runs under <c>ulimit -f</c> of this many KiB (a full disk).</param>
    /// <param name="initdbArguments">More arguments for initdb, e.g. <c>--wal-segsize=1</c>.</param>
    public PrivateServer(int? fileLimitKib = null, string? initdbArguments = null)
    {
        if (!Directory.Exists("/usr/lib/postgresql") || Directory.GetDirectories("/usr/lib/postgresql").Length == 0)
        {
            throw new InvalidOperationException(
                "this test starts a PostgreSQL server of its own and PostgreSQL is not installed: apt-get install postgresql (CI's .ci/postgres does), or filter it out with --filter Category!=Postgres");
        }

        if (fileLimitKib is { } limit)
        {
            options["MPG_PG_FILE_LIMIT"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (initdbArguments is not null)
        {
            options["MPG_PG_INITDB_ARGS"] = initdbArguments;
        }

        folder = Path.Combine(Path.GetTempPath(), "mpg-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var printed = Script("start");
        var exports = Export().Matches(printed).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        if (!exports.TryGetValue("MPG_TEST_POSTGRES", out var connection) || !exports.TryGetValue("MPG_TEST_POSTGRES_PASSWORD", out var password))
        {
            Script("stop");
            throw new InvalidOperationException("ci/postgres start did not print the connection and password exports");
        }

        ConnectionString = connection;
        Password = password;
        Display = HistoryDisplay(ConnectionString);
    }

    [GeneratedRegex("^export (?<name>[A-Z_]+)='(?<value>[^']*)'$", RegexOptions.Multiline)]
    private static partial Regex Export();

    /// <summary>The cluster's database <c>postgres</c>, without the password (as a policy holds it).</summary>
    public string ConnectionString { get; }

    public string Password { get; }

    /// <summary>The store as mpg prints it: postgres://user@host:port/db.</summary>
    public string Display { get; }

    public IReadOnlyDictionary<string, string> ProcessEnvironment => new Dictionary<string, string>(StringComparer.Ordinal) { ["MPG_HISTORY_PASSWORD"] = Password };

    public Func<string, string?> Environment => name => name == "MPG_HISTORY_PASSWORD" ? Password : null;

    /// <summary><c>pg_ctl restart -m fast</c> as the cluster's owner: every open connection is ended; it returns once the server takes connections again.</summary>
    public void Restart() => Script("restart");

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Password = Password, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose() => Script("stop");

    private static string HistoryDisplay(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}";
    }

    private string Script(string action)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ci", "postgres"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(folder);
        foreach (var (name, value) in options)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Generous))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"ci/postgres {action} did not finish in {Generous.TotalMinutes} minutes");
        }

        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"ci/postgres {action} failed (exit {process.ExitCode}): {stderr.Result}");
    }
}
