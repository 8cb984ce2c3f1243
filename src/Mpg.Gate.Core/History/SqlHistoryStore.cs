using System.Data;
using System.Data.Common;
using System.Globalization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.History;

/// <summary>
/// The history in one SQL table, the same for SQLite and PostgreSQL: a row per record, the scorecard as its
/// JSON text, and the Goodness summary in columns for listings. A table <c>mpg_schema</c> holds the schema
/// version; a store newer than <see cref="SchemaVersion"/> is refused before anything is read or written.
/// </summary>
public abstract class SqlHistoryStore : IHistoryStore
{
    /// <summary>The schema this mpg writes. Raise it with a migration step in <see cref="Migrations"/>, never edit a past step.</summary>
    public const int SchemaVersion = 2;

    private const string Columns = "id, gate, branch, commit_sha, pr, recorded_at, model, verdict, tool_version, goodness_mean, goodness_lower, goodness_upper";

    private DbConnection? connection;

    public abstract string Display { get; }

    /// <summary>Runs after a record's row is written and before its transaction commits; the kill test stops a writer here.</summary>
    internal Action? BeforeCommit { get; set; }

    /// <summary>The column definition of the generated id, which each database spells its own way.</summary>
    protected abstract string IdColumn { get; }

    protected DbConnection Connection => connection ??= Connect();

    public long Add(NewHistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = ScorecardFile.ToJson(record.Scorecard);
        return Write(
            "INSERT INTO mpg_records (gate, branch, commit_sha, pr, recorded_at, model, verdict, tool_version, goodness_mean, goodness_lower, goodness_upper, scorecard, verdict_document) " +
            "VALUES (@gate, @branch, @commit, @pr, @at, @model, @verdict, @tool, @mean, @lower, @upper, @scorecard, @document) RETURNING id",
            [
                ("gate", record.Gate),
                ("branch", record.Branch),
                ("commit", record.Commit),
                ("pr", record.PullRequest),
                ("at", record.RecordedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                ("model", record.Scorecard.Model),
                ("verdict", record.Verdict),
                ("tool", record.ToolVersion),
                ("mean", record.Scorecard.Goodness.Mean),
                ("lower", record.Scorecard.Goodness.Lower),
                ("upper", record.Scorecard.Goodness.Upper),
                ("scorecard", json),
                ("document", record.VerdictDocument),
            ],
            command =>
            {
                var id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                BeforeCommit?.Invoke();
                return id;
            });
    }

    public IReadOnlyList<HistoryEntry> List(string gate, string? branch, int limit) => Query(gate, branch, null, limit);

    public HistoryEntry? AtCommit(string gate, string branch, string commit) => Query(gate, branch, commit, 1).FirstOrDefault();

    public HistoryRecord? Get(long id) => Operation(() =>
    {
        using var command = Command(null, $"SELECT {Columns}, scorecard, verdict_document FROM mpg_records WHERE id = @id", ("id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new HistoryRecord(Entry(reader), ParseScorecard(reader.GetString(12), id), reader.IsDBNull(13) ? null : reader.GetString(13));
    });

    public IReadOnlyList<string> Gates() => Operation(() =>
    {
        using var command = Command(null, "SELECT DISTINCT gate FROM mpg_records ORDER BY gate");
        using var reader = command.ExecuteReader();
        var gates = new List<string>();
        while (reader.Read())
        {
            gates.Add(reader.GetString(0));
        }

        // The database's collation may differ (PostgreSQL's locale); the site lists gates in one order everywhere.
        gates.Sort(StringComparer.Ordinal);
        return gates;
    });

    public int Prune(string gate, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        return Write(
            "DELETE FROM mpg_records WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY branch ORDER BY recorded_at DESC, id DESC) AS position " +
            "FROM mpg_records WHERE gate = @gate) ranked WHERE position > @keep)",
            [("gate", gate), ("keep", keep)],
            command => command.ExecuteNonQuery());
    }

    public void Dispose()
    {
        connection?.Dispose();
        connection = null;
        ReleaseDriver();
        GC.SuppressFinalize(this);
    }

    /// <summary>After the connection is closed: whatever else the driver holds (a pool).</summary>
    protected virtual void ReleaseDriver()
    {
    }

    /// <summary>Opens the connection; the caller checks the schema next.</summary>
    protected abstract DbConnection OpenConnection();

    /// <summary>A transaction that holds the write lock from its start, so two writers never both read, then both write.</summary>
    protected abstract DbTransaction BeginWriteTransaction(DbConnection open);

    /// <summary>Inside the migration transaction: make concurrent first-time writers wait for one another.</summary>
    protected virtual void LockForMigration(DbTransaction transaction)
    {
    }

    /// <summary>Turns the driver's exception into a fault with a message fit for the user, or null where it is a bug of ours.</summary>
    protected abstract HistoryException? Translate(Exception exception);

    protected T Guard<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception e) when (e is not HistoryException && Translate(e) is { } fault)
        {
            throw fault;
        }
    }

    /// <summary>
    /// Whether a connection opened by an earlier operation still works. A server may end it between two operations
    /// (a restart, an idle timeout, a proxy); the default, for an embedded file, is that it always does.
    /// </summary>
    protected virtual bool StillConnected(DbConnection open) => true;

    /// <summary>
    /// One operation of the store: on a connection that held when the operation began. A connection the server ended
    /// since the last operation is opened again before anything of this one is sent (no statement of it can have run);
    /// one lost while the operation is under way is a fault (exit 4), never retried, since its outcome is not known here.
    /// </summary>
    private T Operation<T>(Func<T> action) => Guard(() =>
    {
        if (connection is not null && !StillConnected(connection))
        {
            connection.Dispose();
            connection = null;
        }

        return action();
    });

    private IReadOnlyList<HistoryEntry> Query(string gate, string? branch, string? commit, int limit) => Operation(() =>
    {
        using var command = Command(
            null,
            $"SELECT {Columns} FROM mpg_records WHERE gate = @gate" +
            (branch is null ? "" : " AND branch = @branch") +
            (commit is null ? "" : " AND commit_sha = @commit") +
            " ORDER BY recorded_at DESC, id DESC LIMIT @limit",
            [("gate", gate), ("limit", limit), .. branch is null ? [] : new[] { ("branch", (object?)branch) }, .. commit is null ? [] : new[] { ("commit", (object?)commit) }]);
        using var reader = command.ExecuteReader();
        var entries = new List<HistoryEntry>();
        while (reader.Read())
        {
            entries.Add(Entry(reader));
        }

        return entries;
    });

    private static HistoryEntry Entry(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
        reader.GetString(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetString(8),
        reader.GetDouble(9),
        reader.GetDouble(10),
        reader.GetDouble(11));

    private Scorecard ParseScorecard(string json, long id)
    {
        try
        {
            return ScorecardFile.Parse(json, $"{Display} record {id}");
        }
        catch (InputException e)
        {
            throw new HistoryException(HistoryFault.Corrupt, Display, $"record {id} does not hold a valid scorecard: {e.Message}", e);
        }
    }

    /// <summary>One statement in a write transaction (<see cref="BeginWriteTransaction"/>), committed once <paramref name="run"/> returns.</summary>
    private T Write<T>(string sql, (string Name, object? Value)[] parameters, Func<DbCommand, T> run) => Operation(() =>
    {
        using var transaction = BeginWriteTransaction(Connection);
        using var command = Command(transaction, sql, parameters);
        var result = run(command);
        transaction.Commit();
        return result;
    });

    private DbConnection Connect()
    {
        var open = Guard(OpenConnection);
        try
        {
            Guard(() => Migrate(open));
            return open;
        }
        catch
        {
            open.Dispose();
            throw;
        }
    }

    private static readonly string[][] MigrationSteps =
    [
        // 1: the records table and its listing index.
        [
            "CREATE TABLE mpg_records (id {ID}, gate TEXT NOT NULL, branch TEXT NOT NULL, commit_sha TEXT NOT NULL, pr INTEGER, " +
            "recorded_at TEXT NOT NULL, model TEXT NOT NULL, verdict TEXT, tool_version TEXT NOT NULL, goodness_mean DOUBLE PRECISION NOT NULL, " +
            "goodness_lower DOUBLE PRECISION NOT NULL, goodness_upper DOUBLE PRECISION NOT NULL, scorecard TEXT NOT NULL)",
            "CREATE INDEX mpg_records_by_gate ON mpg_records (gate, branch, recorded_at, id)",
        ],

        // 2: the verdict the gate gave (mpg.verdict/1 JSON) beside the scorecard, for the site's verdict pages.
        [
            "ALTER TABLE mpg_records ADD COLUMN verdict_document TEXT",
        ],
    ];

    /// <summary>The schema steps, in order; step i brings the store from version i to i + 1.</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> Migrations => MigrationSteps;

    private int Migrate(DbConnection open)
    {
        // Reading first keeps a read-only or newer store untouched.
        var version = ReadVersion(open, null);
        if (version == SchemaVersion)
        {
            return version;
        }

        if (version > SchemaVersion)
        {
            throw NewerSchema(version);
        }

        using var transaction = BeginWriteTransaction(open);
        LockForMigration(transaction);
        Execute(open, transaction, "CREATE TABLE IF NOT EXISTS mpg_schema (version INTEGER NOT NULL)");
        version = ReadVersion(open, transaction);
        if (version > SchemaVersion)
        {
            throw NewerSchema(version);
        }

        for (var step = version; step < SchemaVersion; step++)
        {
            foreach (var sql in MigrationSteps[step])
            {
                Execute(open, transaction, sql.Replace("{ID}", IdColumn, StringComparison.Ordinal));
            }
        }

        Execute(open, transaction, "DELETE FROM mpg_schema");
        using (var insert = open.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO mpg_schema (version) VALUES ({SchemaVersion.ToString(CultureInfo.InvariantCulture)})";
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return SchemaVersion;
    }

    private HistoryException NewerSchema(int version) => new(
        HistoryFault.NewerSchema,
        Display,
        $"the history has schema version {version}, newer than this mpg knows ({SchemaVersion}); upgrade mpg to read it (nothing was changed)");

    /// <summary>A query counting the <c>mpg_schema</c> table in the store's catalogue: 0 before the first migration.</summary>
    protected abstract string SchemaTableCountSql { get; }

    /// <summary>The schema version the store holds: 0 for an empty store.</summary>
    private int ReadVersion(DbConnection open, DbTransaction? transaction)
    {
        using var exists = open.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = SchemaTableCountSql;
        if (ScalarVersion(exists) is not > 0)
        {
            return 0;
        }

        using var read = open.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT max(version) FROM mpg_schema";
        return ScalarVersion(read) ?? 0;
    }

    protected static int? ScalarVersion(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection open, DbTransaction transaction, string sql)
    {
        using var command = open.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private DbCommand Command(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
