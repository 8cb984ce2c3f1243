using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Mpg.Gate.History;

/// <summary>
/// The embedded history: one SQLite file in write-ahead-log mode, so readers never block the writer, with a
/// busy timeout so concurrent writers queue instead of failing. The file is created on first write.
/// </summary>
public sealed class SqliteHistoryStore : SqlHistoryStore
{
    private const int BusyTimeoutSeconds = 60;
    private readonly string path;
    private bool readOnly;

    public SqliteHistoryStore(string path)
    {
        this.path = Path.GetFullPath(path);
    }

    public override string Display => $"sqlite:{path}";

    protected override string IdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override DbConnection OpenConnection()
    {
        readOnly = File.Exists(path) && IsReadOnly(path);
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !readOnly)
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = readOnly
            ? $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};"
            : $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    protected override DbTransaction BeginWriteTransaction(DbConnection open) =>
        readOnly
            ? throw new HistoryException(HistoryFault.Unavailable, Display, "the history file is read-only; make it writable, or use a writable copy of it")
            : ((SqliteConnection)open).BeginTransaction(deferred: false);

    protected override string SchemaTableCountSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'mpg_schema'";

    protected override HistoryException? Translate(Exception exception) => exception switch
    {
        // SQLITE_CORRUPT, SQLITE_NOTADB: the bytes are not a database we can read.
        SqliteException { SqliteErrorCode: 11 or 26 } => new HistoryException(HistoryFault.Corrupt, Display, "the history file is not a readable SQLite database (corrupt, or another kind of file)", exception),
        // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM.
        SqliteException { SqliteErrorCode: 8 or 14 or 3 } => new HistoryException(HistoryFault.Unavailable, Display, $"cannot write the history file ({((SqliteException)exception).Message.Split('\n')[0]})", exception),
        // SQLITE_FULL: a short write (a full disk, a file size limit); the transaction is rolled back, nothing recorded.
        SqliteException { SqliteErrorCode: 13 } => new HistoryException(HistoryFault.Unavailable, Display, "cannot write the history file: the disk is full (nothing was recorded)", exception),
        SqliteException e => new HistoryException(HistoryFault.Unavailable, Display, $"SQLite error: {e.Message.Split('\n')[0]}", exception),
        IOException or UnauthorizedAccessException => new HistoryException(HistoryFault.Unavailable, Display, $"cannot open the history file: {exception.Message}", exception),
        _ => null,
    };

    /// <summary>
    /// A file without its owner's write bit is read-only by intent (a checked-out artefact, a cache restored
    /// read-only); SQLite as root would write it anyway.
    /// </summary>
    private static bool IsReadOnly(string file) =>
        OperatingSystem.IsWindows()
            ? File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly)
            : !File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserWrite);
}
