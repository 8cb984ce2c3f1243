using Mpg.Gate.Tests.Shared;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The acceptance tests: what a user does with mpg from first use on (init, score, gate on real folders; history in
/// SQLite and PostgreSQL; rank with its plots; the site), tagged <c>Category=Acceptance</c>. .ci/run runs them a second
/// time against the published NativeAOT binary (<c>MPG_TEST_CLI</c>), so everything that ships is shown to survive AOT.
/// </summary>
[Trait("Category", Category)]
public sealed class Acceptance : IDisposable
{
    public const string Category = "Acceptance";

    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <summary>With MPG_TEST_CLI set, every run is that binary's: a native executable (no mpg.dll), of this version.</summary>
    [Fact]
    public void TheRunsAreTheNamedBinarys_OrTheInProcessEntryPoints()
    {
        var help = mpg.Run("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("gate", help.Stdout, StringComparison.Ordinal);
        if (Mpg.Cli is { } cli)
        {
            // (In-process, System.CommandLine's --version is the test host's.)
            var version = mpg.Run("--version");
            Assert.Equal((0, ToolInfo.Version), (version.ExitCode, version.Stdout.Trim()));
            Assert.True(File.Exists(cli), $"{Mpg.CliVariable}={cli}: no such file");
            Assert.False(cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase), cli);
            var head = File.ReadAllBytes(cli)[..4];
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], head);
                Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(cli)!, "mpg.dll")), "a native mpg has no mpg.dll beside it");
            }
        }
    }

    /// <summary>The README's history steps on a shared PostgreSQL store: main's records are the next baselines, and its charts draw.</summary>
    [Fact]
    [Trait("Category", PostgresDatabase.Category)]
    public void OnPostgres_MainsRecordsAreTheNextBaselines_AndTheChartsDraw()
    {
        using var database = new PostgresDatabase();
        if (database.Password is { } password)
        {
            mpg.Environment["MPG_HISTORY_PASSWORD"] = password;
        }

        File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("mpg.yml"));
        File.AppendAllText(mpg.PathOf("mpg.yml"), "baseline: history:main\n");
        foreach (var (model, folder) in new[] { ("meta-llama__Llama-3.2-3B", "run-41"), ("Qwen__Qwen2.5-3B", "run-42"), ("meta-llama__Llama-3.2-1B", "candidate") })
        {
            Directory.CreateDirectory(mpg.PathOf(folder));
            File.Copy(Mpg.SameSuite(model), mpg.PathOf(Path.Combine(folder, "results.json")));
        }

        var store = database.ConnectionString;
        Assert.Equal(0, mpg.Run("score", "-i", "run-41", "-o", "run-41.json").ExitCode);
        var first = mpg.Run("history", "record", "--history", store, "--scorecard", "run-41.json", "--branch", "main", "--commit", "4141414141");
        Assert.True(first.ExitCode == 0, first.Stderr);
        mpg.Now = mpg.Now.AddDays(1);
        var main42 = mpg.Run("gate", "-i", "run-42", "--history", store, "--record", "--branch", "main", "--commit", "4242424242", "--json", "main-42.json");
        mpg.Now = mpg.Now.AddDays(1);
        var pr = mpg.Run("gate", "-i", "candidate", "--history", store, "--json", "pr.json");
        var list = mpg.Run("history", "list", "--history", store, "--json", "list.json");
        var chart = mpg.Run("history", "chart", "--history", store, "--node", "goodness", "-o", "charts");

        Assert.True(main42.ExitCode == 0, main42.Stderr);
        Assert.Equal("history:main @ 4141414", mpg.Json("main-42.json").GetProperty("baseline").GetString());
        Assert.Equal(1, pr.ExitCode);
        Assert.Equal("history:main @ 4242424", mpg.Json("pr.json").GetProperty("baseline").GetString());
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["4242424242", "4141414141"], mpg.Json("list.json").EnumerateArray().Select(e => e.GetProperty("commit").GetString()));
        Assert.Equal(2L, database.Scalar("SELECT count(*) FROM mpg_records"));
        Assert.True(chart.ExitCode == 0, chart.Stderr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(mpg.PathOf("charts/goodness.png"))[..4]);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(mpg.PathOf("charts/goodness.svg")).Root!.Name.LocalName);
        Assert.False(pr.HasStackTrace || chart.HasStackTrace);
    }
}
