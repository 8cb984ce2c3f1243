using System.Text.Json;
using Mpg.Gate.Reports;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// <c>history_errors: fail | warn</c>: with <c>warn</c>, a gate whose history store fails where the gate can go on without
/// it (recording the run, the trend, the drift rule's window) prints one warning (MPG4002, the store named, no password)
/// and exits with its verdict, and its reports say what it went without; a <c>history:</c> baseline that cannot be read
/// is exit 4 either way. With <c>fail</c>, the default, a failing store is exit 4. Real stores: a read-only and a corrupt
/// SQLite file, and a PostgreSQL address where no server listens.
/// </summary>
public sealed class HistoryErrorsSetting : IDisposable
{
    private const string Secret = "s3cret-never-shown";

    /// <summary>Port 1 (tcpmux) is closed on any machine that runs these tests: the connection is refused at once.</summary>
    private const string NoServer = "Host=127.0.0.1;Port=1;Database=mpg;Username=mpg;Timeout=5";

    private readonly Mpg mpg = new();

    public HistoryErrorsSetting()
    {
        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
    }

    public void Dispose() => mpg.Dispose();

    private static Func<string, string?> WithPassword => name => name == "MPG_HISTORY_PASSWORD" ? Secret : null;

    /// <summary>The suite's policy with more top-level lines, and <paramref name="gate"/> lines under its <c>gate:</c>.</summary>
    private string Policy(string[] top, params string[] gate)
    {
        var text = File.ReadAllText(Mpg.Data("cli", "suite.yml")).Replace("gate:\n", "gate:\n" + string.Concat(gate.Select(g => "  " + g + "\n")), StringComparison.Ordinal);
        File.WriteAllText(mpg.PathOf("mpg.yml"), text + string.Concat(top.Select(t => t + "\n")));
        return "mpg.yml";
    }

    private Mpg.Result Gate(Func<string, string?> environment, string baseline, params string[] extra) =>
        mpg.RunWith(environment, ["gate", "-p", "mpg.yml", "--candidate", "card.json", "--baseline", baseline, "--json", "verdict.json", "--report-md", "mpg.md", .. extra]);

    private static string[] Record(string commit) => ["--record", "--branch", "main", "--commit", commit];

    /// <summary>0 or 1, as the verdict the gate wrote says.</summary>
    private int VerdictExit() => mpg.Json("verdict.json").GetProperty("verdict").GetString() == "fail" ? 1 : 0;

    private static string Warning(Mpg.Result result) =>
        Assert.Single(result.Stderr.Split('\n'), l => l.Contains("MPG4002", StringComparison.Ordinal));

    private string[] Missed() => [.. mpg.Json("verdict.json").GetProperty("historyOutage").GetProperty("missed").EnumerateArray().Select(m => m.GetString()!)];

    private static void MakeReadOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(file, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    [Fact]
    public void AnUnknownValue_IsAPolicyErrorAtItsLine_WithTheValuesAndASuggestion()
    {
        Policy(["history_errors: warm"]);
        var line = File.ReadAllLines(mpg.PathOf("mpg.yml")).ToList().IndexOf("history_errors: warm") + 1;

        var result = Gate(_ => null, "card.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{mpg.PathOf("mpg.yml")}({line},17): error MPG2001: expected one of fail | warn for 'history_errors', got 'warm'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'warn'?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltKey_GetsTheKeySuggested()
    {
        Policy(["history_error: warn"]);

        var result = Gate(_ => null, "card.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MPG2001: unknown key 'history_error'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'history_errors'?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Warn_AReadOnlySqliteStore_IsOneWarning_TheVerdictsExitCode_AndReportsThatSayNotRecorded()
    {
        Policy(["history: sqlite:history.db", "history_errors: warn"]);
        Assert.Equal(0, mpg.Run("history", "record", "-p", "mpg.yml", "--scorecard", "card.json", "--branch", "main", "--commit", "a1").ExitCode);
        MakeReadOnly(mpg.PathOf("history.db"));

        var result = Gate(_ => null, "card.json", Record("a2"));

        Assert.Equal(VerdictExit(), result.ExitCode);
        Assert.Equal(
            $"sqlite:{mpg.PathOf("history.db")}: warning MPG4002: the history file is read-only; make it writable, or use a writable copy of it; this run was not recorded (history_errors: warn)",
            Warning(result));
        Assert.DoesNotContain("mpg: recorded", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.Equal(["record"], Missed());
        Assert.Equal($"sqlite:{mpg.PathOf("history.db")}", mpg.Json("verdict.json").GetProperty("historyOutage").GetProperty("store").GetString());
        Assert.Contains("⚠️ **Not recorded**: the history", File.ReadAllText(mpg.PathOf("mpg.md")), StringComparison.Ordinal);
        var list = mpg.Run("history", "list", "-p", "mpg.yml");
        Assert.Contains(" a1 ", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" a2 ", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_TheDefault_AReadOnlySqliteStore_IsExitFour_AndNoReport()
    {
        Policy(["history: sqlite:history.db"]);
        Assert.Equal(0, mpg.Run("history", "record", "-p", "mpg.yml", "--scorecard", "card.json", "--branch", "main", "--commit", "a1").ExitCode);
        MakeReadOnly(mpg.PathOf("history.db"));

        var result = Gate(_ => null, "card.json", Record("a2"));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"sqlite:{mpg.PathOf("history.db")}: error MPG4002: the history file is read-only", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(mpg.PathOf("verdict.json")));
    }

    [Fact]
    public void Warn_AnUnreachableServer_MissesTrendAndRecord_InOneWarningWithoutThePassword()
    {
        Policy([$"history: \"{NoServer}\"", "history_errors: warn"]);

        var result = Gate(WithPassword, "card.json", Record("a2"));

        Assert.Equal(VerdictExit(), result.ExitCode);
        Assert.Equal(
            "postgres://mpg@127.0.0.1:1/mpg: warning MPG4002: cannot reach the PostgreSQL server (connection refused or timed out); no trend is shown; this run was not recorded (history_errors: warn)",
            Warning(result));
        Assert.Equal(["trend", "record"], Missed());
        var markdown = File.ReadAllText(mpg.PathOf("mpg.md"));
        Assert.Contains("⚠️ **Not recorded**: the history `postgres://mpg@127.0.0.1:1/mpg` failed (cannot reach the PostgreSQL server", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr + markdown, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);

        // Read back (as the site reads a stored verdict), the outage stays: the same bytes, the same comment.
        var json = File.ReadAllText(mpg.PathOf("verdict.json"));
        var back = VerdictFile.Parse(json, "verdict.json");
        Assert.Equal(json, VerdictFile.ToJson(back));
        Assert.Equal(markdown, VerdictMarkdown.Render(back));
    }

    [Fact]
    public void Warn_ACorruptStore_LeavesTheDriftRuleWithoutRecords_WhichFailsClosed()
    {
        Policy(["history: sqlite:history.db", "history_errors: warn"], "drift: { window: 5, margin: 0.01 }");
        File.WriteAllText(mpg.PathOf("history.db"), "this is not a database, it is a text file that someone put here by mistake\n");

        var result = Gate(_ => null, "card.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(1, VerdictExit());
        Assert.Equal(
            $"sqlite:{mpg.PathOf("history.db")}: warning MPG4002: the history file is not a readable SQLite database (corrupt, or another kind of file); the drift rule saw no records and fails closed; no trend is shown (history_errors: warn)",
            Warning(result));
        Assert.Contains("error MPG1003: goodness: drift needs records", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["drift", "trend"], Missed());
        var drift = mpg.Json("verdict.json").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "drift");
        Assert.Equal("missing", drift.GetProperty("status").GetString());
        Assert.Contains("⚠️ **History unavailable**", File.ReadAllText(mpg.PathOf("mpg.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("warn")]
    public void AHistoryBaselineThatCannotBeRead_IsExitFour_EvenWithWarn(string setting)
    {
        Policy([$"history: \"{NoServer}\"", $"history_errors: {setting}"]);

        var result = Gate(WithPassword, "history:main", Record("a2"));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("postgres://mpg@127.0.0.1:1/mpg: error MPG4002: cannot reach the PostgreSQL server (connection refused or timed out)", result.Stderr.TrimEnd());
        Assert.False(File.Exists(mpg.PathOf("verdict.json")));
    }

    [Fact]
    public void Warn_AStoreThatServes_RecordsAndSaysNothingMore()
    {
        Policy(["history: sqlite:history.db", "history_errors: warn"]);

        var result = Gate(_ => null, "card.json", Record("a1"));

        Assert.Equal(VerdictExit(), result.ExitCode);
        Assert.DoesNotContain("MPG4002", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("mpg: recorded 1: suite on main @ a1", result.Stderr, StringComparison.Ordinal);
        Assert.False(mpg.Json("verdict.json").TryGetProperty("historyOutage", out JsonElement _));
    }
}
