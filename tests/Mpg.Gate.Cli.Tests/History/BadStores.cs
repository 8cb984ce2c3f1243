using Mpg.Gate.Tests.Shared;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>Stores that cannot serve: one clear line naming the store, the documented exit code, no password, no stack trace.</summary>
public sealed class BadStores : IDisposable
{
    private const string Secret = "s3cret-never-shown";
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private Mpg.Result List(string store, Func<string, string?>? environment = null) =>
        mpg.RunWith(environment ?? (_ => null), "history", "list", "-p", Mpg.Data("cli", "suite.yml"), "--history", store);

    private string Card()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        return "card.json";
    }

    [Fact]
    public void ACorruptSqliteFile_IsAnInputError()
    {
        File.WriteAllText(mpg.PathOf("history.db"), "this is not a database, it is a text file that someone put here by mistake\n");

        var result = List("sqlite:history.db");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"sqlite:{mpg.PathOf("history.db")}: error MPG3001: the history file is not a readable SQLite database", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public void AReadOnlySqliteFile_IsReadButNotWritten()
    {
        var card = Card();
        Assert.Equal(0, mpg.Run("history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:history.db", "--scorecard", card, "--branch", "main", "--commit", "a1").ExitCode);
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(mpg.PathOf("history.db"), FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(mpg.PathOf("history.db"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var write = mpg.Run("history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:history.db", "--scorecard", card, "--branch", "main", "--commit", "a2");
        var read = List("sqlite:history.db");

        Assert.Equal(4, write.ExitCode);
        Assert.Contains("error MPG4002: the history file is read-only", write.Stderr, StringComparison.Ordinal);
        Assert.False(write.HasStackTrace);
        Assert.Equal(0, read.ExitCode);
        Assert.Contains(" a1 ", read.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public void AnUnreachableServer_IsAServiceError()
    {
        // Port 1 (tcpmux) is closed on any machine that runs these tests: the connection is refused at once.
        var result = List("Host=127.0.0.1;Port=1;Database=mpg;Username=mpg;Timeout=5", name => name == "MPG_HISTORY_PASSWORD" ? Secret : null);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("postgres://mpg@127.0.0.1:1/mpg: error MPG4002: cannot reach the PostgreSQL server (connection refused or timed out)", result.Stderr.TrimEnd());
    }

    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public void AWrongPassword_IsAServiceErrorThatNeverShowsIt()
    {
        using var database = new PostgresDatabase();

        var result = List(database.ConnectionString, name => name == "MPG_HISTORY_PASSWORD" ? Secret : null);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error MPG4002: authentication failed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public void PGPASSWORD_IsReadWhereMpgsOwnVariableIsUnset()
    {
        using var database = new PostgresDatabase();

        var result = List(database.ConnectionString, name => name == "PGPASSWORD" ? database.Password : null);

        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=mpg;Password=" + Secret)]
    [InlineData("postgres://mpg:" + Secret + "@127.0.0.1:5432/mpg")]
    public void APasswordInTheStoreItself_IsRefusedWithoutEchoingIt(string store)
    {
        var result = List(store);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds a password; remove it and set MPG_HISTORY_PASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordInThePolicy_IsAPolicyErrorAtItsLine()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"version: 1\nname: chat\nhistory: \"Host=db;Password={Secret}\"\n");

        var result = mpg.Run("history", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{mpg.PathOf("mpg.yml")}(3,1): error MPG2001: 'history': the history connection holds a password", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewerSchema_ExitsFourAndNamesBothVersions()
    {
        var card = Card();
        Assert.Equal(0, mpg.Run("history", "record", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "--scorecard", card, "--branch", "main", "--commit", "a1").ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={mpg.PathOf("h.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE mpg_schema SET version = {(global::Mpg.Gate.History.SqlHistoryStore.SchemaVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            command.ExecuteNonQuery();
        }

        var result = List("sqlite:h.db");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error MPG4002: the history has schema version 3, newer than this mpg knows (2); upgrade mpg to read it (nothing was changed)", result.Stderr, StringComparison.Ordinal);
    }
}
