using System.Diagnostics;
using Mpg.Gate.History;
using Mpg.Gate.Tests.Shared;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// Real writer processes on one store: eight at once lose and double nothing; one killed between writing its
/// row and committing leaves the store readable and the record absent. Run on both stores.
/// </summary>
public abstract class WriterProcesses : IDisposable
{
    private const int Writers = 8;
    private const int RecordsEach = 25;
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);
    private readonly Mpg mpg = new();

    protected abstract string Location { get; }

    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    protected abstract IHistoryStore Open();

    public virtual void Dispose()
    {
        mpg.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void EightWritersOfTwentyFive_LeaveExactlyTwoHundred()
    {
        var card = Scorecard();
        var writers = Enumerable.Range(0, Writers).Select(w => Writer("write", card, $"w{w}", RecordsEach.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var writer in writers)
        {
            Assert.True(writer.WaitForExit(Generous), "a writer did not finish");
            Assert.True(writer.ExitCode == 0, writer.StandardError.ReadToEnd());
            writer.Dispose();
        }

        using var store = Open();
        var entries = store.List("chat", null, 1000);
        Assert.Equal(Writers * RecordsEach, entries.Count);
        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, RecordsEach).Select(i => $"w{w}-{i}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, entries.Select(e => e.Commit).Order(StringComparer.Ordinal));
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void AWriterKilledMidRecord_LeavesTheStoreReadableAndTheRecordAbsent()
    {
        var card = Scorecard();
        using (var store = Open())
        {
            store.Add(new NewHistoryRecord("chat", "main", "before", null, DateTimeOffset.UnixEpoch, null, "test", global::Mpg.Gate.Serialization.ScorecardFile.Read(card)));
        }

        var marker = mpg.PathOf("marker");
        using var writer = Writer("hang", card, marker);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(marker) && !writer.HasExited && waited.Elapsed < Generous)
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(marker), $"the writer never reached its commit: {(writer.HasExited ? writer.StandardError.ReadToEnd() : "still running")}");
        writer.Kill(entireProcessTree: true);
        writer.WaitForExit();

        using var after = Open();
        Assert.Equal(["before"], after.List("chat", null, 10).Select(e => e.Commit));
        after.Add(new NewHistoryRecord("chat", "main", "after", null, DateTimeOffset.UnixEpoch.AddDays(1), null, "test", global::Mpg.Gate.Serialization.ScorecardFile.Read(card)));
        Assert.Equal(["after", "before"], after.List("chat", null, 10).Select(e => e.Commit));
    }

    private string Scorecard()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        return mpg.PathOf("card.json");
    }

    private Process Writer(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = mpg.WorkingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mpg.Gate.HistoryWriter.dll"));
        start.ArgumentList.Add(args[0]);
        start.ArgumentList.Add(Location);
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}

public sealed class SqliteWriterProcesses : WriterProcesses
{
    private readonly string folder = Directory.CreateTempSubdirectory("mpg-writers-").FullName;

    protected override string Location => "sqlite:" + Path.Combine(folder, "history.db");

    protected override IHistoryStore Open() => HistoryLocation.Open(Location, folder, _ => null);

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

[Trait("Category", PostgresDatabase.Category)]
public sealed class PostgresWriterProcesses : WriterProcesses
{
    private readonly PostgresDatabase database = new();

    protected override string Location => database.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { [HistoryLocation.PasswordVariable] = database.Password };

    protected override IHistoryStore Open() => HistoryLocation.Open(Location, ".", database.ProcessEnvironment);

    public override void Dispose()
    {
        base.Dispose();
        database.Dispose();
    }
}
