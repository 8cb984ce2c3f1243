using Npgsql;

namespace Mpg.Gate.Tests.Shared;

/// <summary>
/// A fresh database on the PostgreSQL server the run was given (<c>MPG_TEST_POSTGRES</c>, a connection string
/// without password, and <c>MPG_TEST_POSTGRES_PASSWORD</c>; <c>.ci/postgres start</c> sets both), dropped at the
/// end. Without a server these tests fail, saying how to start one: they are never skipped.
/// Filter them out with <c>--filter Category!=Postgres</c> where no server can run.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string Category = "Postgres";
    private readonly string server;

    public PostgresDatabase()
    {
        server = System.Environment.GetEnvironmentVariable("MPG_TEST_POSTGRES") is { Length: > 0 } given
            ? given
            : throw new InvalidOperationException(
                "the PostgreSQL tests need a server: run eval \"$(.ci/postgres start /tmp/mpg-pg)\" first (CI does, in .ci/run), or filter them out with --filter Category!=Postgres");
        Password = System.Environment.GetEnvironmentVariable("MPG_TEST_POSTGRES_PASSWORD");
        Name = "mpg_test_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The test database, without its password (as a policy would hold it).</summary>
    public string ConnectionString { get; }

    public string? Password { get; }

    /// <summary>The environment an mpg process gets: the password where the docs say to put it.</summary>
    public Func<string, string?> ProcessEnvironment => name => name == "MPG_HISTORY_PASSWORD" ? Password : null;

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Password = Password }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Password = Password, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
