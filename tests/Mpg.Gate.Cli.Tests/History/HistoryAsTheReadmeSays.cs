using System.Text.Json;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// The README's history steps on real lm-eval outputs copied under CI-artifact names: record main's baseline, gate a
/// PR against <c>history:main</c>, gate and record main's next run, and the next PR is gated against that one.
/// </summary>
[Trait("Category", Acceptance.Category)]
public sealed class HistoryAsTheReadmeSays : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private void CopyRun(string model, string folder)
    {
        Directory.CreateDirectory(mpg.PathOf(folder));
        File.Copy(Mpg.SameSuite(model), mpg.PathOf(Path.Combine(folder, "results.json")));
    }

    [Fact]
    public void TheFirstGateBeforeAnyRecord_SaysSo_AndHowToRecordOne()
    {
        File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("mpg.yml"));
        File.AppendAllText(mpg.PathOf("mpg.yml"), "baseline: history:main\nhistory: sqlite:.mpg/history.db\n");
        CopyRun("meta-llama__Llama-3.2-1B", "candidate");

        var result = mpg.Run("gate", "-i", "candidate");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error MPG3001: no record of gate 'suite' on branch 'main' in the history; record main's runs with 'mpg gate --record' or 'mpg history record'", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void MainsRecords_AreTheNextBaselines()
    {
        File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("mpg.yml"));
        File.AppendAllText(mpg.PathOf("mpg.yml"), "baseline: history:main\nhistory: sqlite:.mpg/history.db\n");
        CopyRun("meta-llama__Llama-3.2-3B", "run-41");
        CopyRun("Qwen__Qwen2.5-3B", "run-42");
        CopyRun("meta-llama__Llama-3.2-1B", "candidate");

        Assert.Equal(0, mpg.Run("score", "-i", "run-41", "-o", "run-41.json").ExitCode);
        Assert.Equal(0, mpg.Run("history", "record", "--scorecard", "run-41.json", "--branch", "main", "--commit", "4141414141").ExitCode);
        mpg.Now = mpg.Now.AddDays(1);
        var main42 = mpg.Run("gate", "-i", "run-42", "--record", "--branch", "main", "--commit", "4242424242", "--json", "main-42.json");
        mpg.Now = mpg.Now.AddDays(1);
        var pr = mpg.Run("gate", "-i", "candidate", "--pr", "7", "--json", "pr.json", "--report-md", "pr.md");

        Assert.Equal(0, main42.ExitCode);
        Assert.Equal("history:main @ 4141414", mpg.Json("main-42.json").GetProperty("baseline").GetString());
        Assert.Equal(1, pr.ExitCode);
        Assert.Equal("history:main @ 4242424", mpg.Json("pr.json").GetProperty("baseline").GetString());
        Assert.Equal("Qwen/Qwen2.5-3B", mpg.Json("pr.json").GetProperty("baselineModel").GetString());
        Assert.Contains("x-axis [4141414, 4242424]", File.ReadAllText(mpg.PathOf("pr.md")), StringComparison.Ordinal);

        Assert.Equal(0, mpg.Run("history", "list", "--json", "list.json").ExitCode);
        var list = mpg.Json("list.json").EnumerateArray().ToList();
        Assert.Equal(["4242424242", "4141414141"], list.Select(e => e.GetProperty("commit").GetString()));
        Assert.Equal("pass", list[0].GetProperty("verdict").GetString());
        Assert.False(list[0].TryGetProperty("scorecard", out _));

        var show = mpg.Run("history", "show", "latest");
        Assert.Equal(0, show.ExitCode);
        Assert.Equal("mpg.scorecard/1", JsonDocument.Parse(show.Stdout).RootElement.GetProperty("scorecard").GetProperty("schema").GetString());
    }

    [Fact]
    public void Exports_AreReadableByTheirTools()
    {
        File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("mpg.yml"));
        CopyRun("meta-llama__Llama-3.2-3B", "run-41");
        Assert.Equal(0, mpg.Run("score", "-i", "run-41", "-o", "run-41.json").ExitCode);
        Assert.Equal(0, mpg.Run("history", "record", "--scorecard", "run-41.json", "--branch", "main", "--commit", "4141414141", "--pr", "3").ExitCode);

        var data = mpg.Run("history", "export", "--format", "benchmark-action", "-o", "data.js");
        var csv = mpg.Run("history", "export", "--format", "csv");
        var chart = mpg.Run("history", "chart", "--node", "goodness", "problem-solving", "--candidate", "run-41.json", "-o", "charts");

        Assert.Equal(0, data.ExitCode);
        var js = File.ReadAllText(mpg.PathOf("data.js"));
        Assert.StartsWith("window.BENCHMARK_DATA = ", js, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(js["window.BENCHMARK_DATA = ".Length..]).RootElement.GetProperty("entries").GetProperty("suite")[0];
        Assert.Equal("4141414141", entry.GetProperty("commit").GetProperty("id").GetString());
        Assert.Equal("customBiggerIsBetter", entry.GetProperty("tool").GetString());
        var goodness = entry.GetProperty("benches").EnumerateArray().First(b => b.GetProperty("name").GetString() == "goodness");
        Assert.Equal(Math.Round(mpg.Json("run-41.json").GetProperty("goodness").GetProperty("mean").GetDouble() * 100, 4), goodness.GetProperty("value").GetDouble());

        Assert.Equal(0, csv.ExitCode);
        var rows = csv.Stdout.TrimEnd().Split('\n');
        Assert.Equal("id,recorded_at,gate,branch,commit,pr,model,verdict,node,kind,mean,lower,upper,n", rows[0]);
        Assert.Equal(mpg.Json("run-41.json").GetProperty("nodes").GetArrayLength(), rows.Length - 1);

        Assert.Equal(0, chart.ExitCode);
        foreach (var node in new[] { "goodness", "problem-solving" })
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(mpg.PathOf($"charts/{node}.png"))[..4]);
            Assert.Equal("svg", System.Xml.Linq.XDocument.Load(mpg.PathOf($"charts/{node}.svg")).Root!.Name.LocalName);
        }
    }
}
