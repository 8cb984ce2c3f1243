using Mpg.Gate.Core.Tests.Ingest;
using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Ingest.LmEval;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Core.Tests.History;

/// <summary>
/// What every history store must do, run on the real SQLite file and the real PostgreSQL server alike
/// (<see cref="SqliteStoreContract"/>, <see cref="PostgresStoreContract"/>).
/// </summary>
public abstract class HistoryStoreContract : IDisposable
{
    protected const string Gate = "chat";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly List<IHistoryStore> opened = [];

    /// <summary>A store over the same place each time it is called (a new connection, as a new process would make).</summary>
    protected abstract IHistoryStore OpenStore();

    /// <summary>Sets the stored schema version behind the store's back, as a newer mpg would have.</summary>
    protected abstract void SetSchemaVersion(int version);

    protected abstract int SchemaVersionStored();

    /// <summary>Runs SQL on the store behind its back (to make a store as an older mpg left it).</summary>
    protected abstract void RunSql(string sql);

    protected IHistoryStore Store()
    {
        var store = OpenStore();
        opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A real lm-eval run with per-item samples, scored: posteriors and items to round-trip.</summary>
    internal static Scorecard RealScorecard(string model = "asdiv__Meta-Llama-3-8B-Instruct")
    {
        var dir = LmEvalData.Dir("with-samples", model);
        var policy = PolicyLoader.Parse("version: 1\nname: chat\nsamples: 1000\n", Path.Combine(dir, "mpg.yml"));
        return Scorer.Score(policy, LmEvalReader.Read(LmEvalData.Files(dir, "*.json*")), new ScoreContext("test", Start, "sha256:0", dir));
    }

    internal static Scorecard WithGoodness(Scorecard card, double mean) =>
        card with { Goodness = card.Goodness with { Mean = mean }, Nodes = card.Nodes.Select(n => n.Id == PolicyNode.RootId ? n with { Mean = mean } : n).ToList() };

    protected static NewHistoryRecord Record(string branch, string commit, int day, Scorecard? card = null, string? verdict = null, int? pr = null) =>
        new(Gate, branch, commit, pr, Start.AddDays(day), verdict, "test", card ?? RealScorecard());

    [Fact]
    public void ARecord_RoundTripsEveryPosteriorAndItem()
    {
        var card = RealScorecard();
        Assert.Contains(card.Nodes, n => n.Items is { Count: > 0 });
        var id = Store().Add(Record("main", "c0ffee1", 0, card, "pass", 7));

        var back = Store().Get(id)!;

        Assert.Equal(ScorecardFile.ToJson(card), ScorecardFile.ToJson(back.Scorecard));
        Assert.Equal(("main", "c0ffee1", 7, "2026-01-05T09:00:00Z", "pass", card.Model), (back.Entry.Branch, back.Entry.Commit, back.Entry.PullRequest, back.Entry.RecordedAt, back.Entry.Verdict, back.Entry.Model));
    }

    [Fact]
    public void AVerdictDocument_RoundTrips_AndARecordWithoutOneHasNone()
    {
        const string document = "{\"schema\": \"mpg.verdict/1\", \"name\": \"chat <b>\"}\n";
        var gated = Store().Add(Record("main", "c1", 0, verdict: "pass") with { VerdictDocument = document });
        var alone = Store().Add(Record("main", "c2", 1));

        Assert.Equal(document, Store().Get(gated)!.VerdictDocument);
        Assert.Null(Store().Get(alone)!.VerdictDocument);
    }

    [Fact]
    public void Gates_ListsEveryGateWithRecordsInOrdinalOrder()
    {
        var store = Store();
        store.Add(Record("main", "c1", 0) with { Gate = "beta" });
        store.Add(Record("main", "c2", 1) with { Gate = "Alpha" });
        store.Add(Record("main", "c3", 2));
        store.Add(Record("feature", "c4", 3) with { Gate = "beta" });

        Assert.Equal(["Alpha", "beta", Gate], Store().Gates());
    }

    [Fact]
    public void AStoreOfSchemaOne_MigratesToTwoAndKeepsItsRecords()
    {
        var id = Store().Add(Record("main", "before", 0, verdict: "fail"));
        RunSql("ALTER TABLE mpg_records DROP COLUMN verdict_document");
        SetSchemaVersion(1);

        var back = Store().Get(id)!;

        Assert.Equal(("before", "fail", null), (back.Entry.Commit, back.Entry.Verdict, back.VerdictDocument));
        Assert.Equal(SqlHistoryStore.SchemaVersion, SchemaVersionStored());
        var after = Store().Add(Record("main", "after", 1) with { VerdictDocument = "{}" });
        Assert.Equal("{}", Store().Get(after)!.VerdictDocument);
    }

    [Theory]
    [InlineData("inconclusive")]
    [InlineData("drift")]
    [InlineData("a-status-from-a-later-version")]
    public void Verdicts_RoundTripWhateverTheirName(string verdict)
    {
        var id = Store().Add(Record("main", "c1", 0, verdict: verdict));
        Assert.Equal(verdict, Store().Get(id)!.Entry.Verdict);
        Assert.Equal(verdict, Store().List(Gate, "main", 1).Single().Verdict);
    }

    [Fact]
    public void HistoryMain_PicksTheLatestMainRecord()
    {
        var store = Store();
        store.Add(Record("main", "m1", 0));
        store.Add(Record("feature", "f1", 1));
        var latestMain = store.Add(Record("main", "m2", 2));
        store.Add(Record("feature", "f2", 3));
        store.Add(Record("main", "m0-backdated", -5));

        var (record, note) = HistoryBaseline.Parse("history:main", SourceSpan.None("mpg.yml")).Resolve(Store(), Gate, null, SourceSpan.None("mpg.yml"));

        Assert.Equal(latestMain, record.Entry.Id);
        Assert.Equal("m2", record.Entry.Commit);
        Assert.Null(note);
    }

    [Fact]
    public void MedianOfFive_PicksTheRecordWithTheMedianGoodness()
    {
        var card = RealScorecard();
        var store = Store();
        store.Add(Record("main", "old", 0, WithGoodness(card, 0.10)));
        long median = 0;
        foreach (var (goodness, day) in new[] { (0.80, 1), (0.50, 2), (0.90, 3), (0.60, 4), (0.70, 5) })
        {
            var id = store.Add(Record("main", $"g{goodness}", day, WithGoodness(card, goodness)));
            median = goodness == 0.70 ? id : median;
        }

        var (record, note) = HistoryBaseline.Parse("history:main~median-of-5", SourceSpan.None("mpg.yml")).Resolve(store, Gate, null, SourceSpan.None("mpg.yml"));

        Assert.Equal(median, record.Entry.Id);
        Assert.Contains("median", note, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryBase_PicksTheRecordAtThePullRequestsBaseCommit()
    {
        var store = Store();
        var atBase = store.Add(Record("main", "base-sha", 0));
        store.Add(Record("main", "later-sha", 1));
        var spec = HistoryBaseline.Parse("history:base", SourceSpan.None("mpg.yml"));

        var (known, _) = spec.Resolve(store, Gate, new PullRequestBase("main", "base-sha"), SourceSpan.None("mpg.yml"));
        var (unknown, note) = spec.Resolve(store, Gate, new PullRequestBase("main", "never-recorded"), SourceSpan.None("mpg.yml"));

        Assert.Equal(atBase, known.Entry.Id);
        Assert.Equal("later-sha", unknown.Entry.Commit);
        Assert.Contains("no record", note, StringComparison.Ordinal);
    }

    [Fact]
    public void ABranchWithoutRecords_IsAnInputErrorNamingIt()
    {
        Store().Add(Record("feature", "f1", 0));

        var error = Assert.ThrowsAny<InputException>(() => HistoryBaseline.Parse("history:main", SourceSpan.None("mpg.yml")).Resolve(Store(), Gate, null, SourceSpan.None("mpg.yml")));

        Assert.Contains("branch 'main'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_IsNewestFirstAndFiltersByBranch()
    {
        var store = Store();
        for (var day = 0; day < 5; day++)
        {
            store.Add(Record(day % 2 == 0 ? "main" : "dev", $"c{day}", day));
        }

        Assert.Equal(["c4", "c2", "c0"], Store().List(Gate, "main", 10).Select(e => e.Commit));
        Assert.Equal(["c4", "c3"], Store().List(Gate, null, 2).Select(e => e.Commit));
        Assert.Empty(Store().List("another-gate", null, 10));
    }

    [Fact]
    public void Prune_KeepsTheNewestPerBranch()
    {
        var store = Store();
        for (var day = 0; day < 6; day++)
        {
            store.Add(Record(day % 2 == 0 ? "main" : "dev", $"c{day}", day));
        }

        Assert.Equal(2, store.Prune(Gate, 2));
        Assert.Equal(["c5", "c4", "c3", "c2"], Store().List(Gate, null, 10).Select(e => e.Commit));
    }

    [Fact]
    public void ANewerSchema_IsAClearErrorAndTouchesNothing()
    {
        Store().Add(Record("main", "m1", 0));
        SetSchemaVersion(SqlHistoryStore.SchemaVersion + 1);

        var error = Assert.Throws<HistoryException>(() => Store().List(Gate, null, 10));

        Assert.Equal(HistoryFault.NewerSchema, error.Fault);
        Assert.Contains($"schema version {SqlHistoryStore.SchemaVersion + 1}, newer than this mpg knows ({SqlHistoryStore.SchemaVersion})", error.Message, StringComparison.Ordinal);
        Assert.Throws<HistoryException>(() => Store().Add(Record("main", "m2", 1)));
        Assert.Equal(SqlHistoryStore.SchemaVersion + 1, SchemaVersionStored());
        SetSchemaVersion(SqlHistoryStore.SchemaVersion);
        Assert.Single(Store().List(Gate, null, 10));
    }

    [Fact]
    public void Trend_IsTheBranchsGoodnessOldestFirst()
    {
        var card = RealScorecard();
        var store = Store();
        store.Add(Record("main", "m1", 0, WithGoodness(card, 0.5)));
        store.Add(Record("main", "m2", 1, WithGoodness(card, 0.6)));

        var trend = HistoryTrend.Of(Store(), Gate, "main")!;

        Assert.Equal([0.5, 0.6], trend.Select(p => p.Goodness));
        Assert.Equal(["m1", "m2"], trend.Select(p => p.Commit));
        Assert.Null(HistoryTrend.Of(Store(), Gate, "nowhere"));
    }
}

public sealed class SqliteStoreContract : HistoryStoreContract
{
    private readonly string folder = Directory.CreateTempSubdirectory("mpg-history-").FullName;

    private string File => Path.Combine(folder, ".mpg", "history.db");

    protected override IHistoryStore OpenStore() => new SqliteHistoryStore(File);

    protected override void SetSchemaVersion(int version) => Sql($"UPDATE mpg_schema SET version = {version}");

    protected override int SchemaVersionStored() => Convert.ToInt32(Sql("SELECT version FROM mpg_schema"), System.Globalization.CultureInfo.InvariantCulture);

    protected override void RunSql(string sql) => Sql(sql);

    public override void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TheFile_IsInWriteAheadLogMode()
    {
        Store().Add(Record("main", "m1", 0));
        Assert.Equal("wal", Sql("PRAGMA journal_mode"));
    }

    private object? Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

[Trait("Category", Mpg.Gate.Tests.Shared.PostgresDatabase.Category)]
public sealed class PostgresStoreContract : HistoryStoreContract
{
    private readonly Mpg.Gate.Tests.Shared.PostgresDatabase database = new();

    protected override IHistoryStore OpenStore() => HistoryLocation.Open(database.ConnectionString, ".", database.ProcessEnvironment);

    protected override void SetSchemaVersion(int version) => database.Scalar($"UPDATE mpg_schema SET version = {version}");

    protected override int SchemaVersionStored() => Convert.ToInt32(database.Scalar("SELECT version FROM mpg_schema"), System.Globalization.CultureInfo.InvariantCulture);

    protected override void RunSql(string sql) => database.Scalar(sql);

    public override void Dispose()
    {
        base.Dispose();
        database.Dispose();
    }

    [Fact]
    public void ItsDisplay_NamesTheServerWithoutThePassword()
    {
        var store = Store();
        Assert.StartsWith("postgres://postgres@127.0.0.1:", store.Display, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Password!, store.Display, StringComparison.Ordinal);
    }
}
