using Npgsql;

namespace Mpg.Gate.History;

/// <summary>
/// Where the history lives, as the policy's <c>history:</c> key or <c>--history</c> says: <c>sqlite:PATH</c>
/// (relative to the policy's folder), a PostgreSQL connection string (<c>Host=…;Database=…</c>) or a
/// <c>postgres://user@host:port/db</c> URL. Passwords come from the environment only.
/// </summary>
public static class HistoryLocation
{
    public const string SqlitePrefix = "sqlite:";

    /// <summary>Where a policy without <c>history:</c> keeps its history.</summary>
    public const string Default = "sqlite:.mpg/history.db";

    public const string PasswordVariable = "MPG_HISTORY_PASSWORD";
    public const string StandardPasswordVariable = "PGPASSWORD";

    /// <exception cref="ArgumentException">The value names no store, or holds a password; the message says what was expected.</exception>
    public static IHistoryStore Open(string value, string baseDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(environment);
        if (value.StartsWith(SqlitePrefix, StringComparison.Ordinal))
        {
            var file = value[SqlitePrefix.Length..];
            return file.Length == 0
                ? throw new ArgumentException("'sqlite:' needs a file path, e.g. sqlite:.mpg/history.db")
                : new SqliteHistoryStore(Path.GetFullPath(file, baseDirectory));
        }

        var settings = PostgresSettings(value);
        if (!string.IsNullOrEmpty(settings.Password))
        {
            throw new ArgumentException($"the history connection holds a password; remove it and set {PasswordVariable} (or {StandardPasswordVariable}) in the environment instead");
        }

        var password = environment(PasswordVariable) is { Length: > 0 } own ? own : environment(StandardPasswordVariable);
        return new PostgresHistoryStore(settings.ConnectionString, password);
    }

    /// <summary>The store as it may be printed: host, port, database and user; never a password.</summary>
    public static string RedactedPostgres(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var user = string.IsNullOrEmpty(settings.Username) ? "" : settings.Username + "@";
        return $"postgres://{user}{settings.Host}:{settings.Port}/{settings.Database}";
    }

    private static NpgsqlConnectionStringBuilder PostgresSettings(string value)
    {
        if (value.StartsWith("postgres://", StringComparison.Ordinal) || value.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return FromUrl(value);
        }

        if (!value.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' is not a history store: expected sqlite:PATH, a PostgreSQL connection string (Host=…;Database=…) or a postgres://user@host:port/db URL");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            // Npgsql's message quotes the offending keyword, never its value.
            throw new ArgumentException($"the PostgreSQL connection string is not valid: {e.Message}", e);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("the postgres:// URL is not valid: expected postgres://user@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        return builder;
    }
}
