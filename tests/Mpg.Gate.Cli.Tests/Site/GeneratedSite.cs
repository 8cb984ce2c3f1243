using System.Globalization;
using System.Text;

namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// What the browser tests load, made through the CLI as CI would make it: a year of weekly main runs gated with
/// <c>--record</c> (generated per-benchmark CSVs, 3 × 20,000 items, sliding 0.3 points a week, with a one-week drop
/// of <c>math</c> in week 30), a pull request every fourth week, and a ranking of 20 generated models
/// (<c>mpg rank --html</c>); then <c>mpg site</c>.
/// </summary>
public sealed class GeneratedSite : IDisposable
{
    public const int Weeks = 52;
    public const int Models = 20;
    public const int PullRequestEvery = 4;
    public const int DropWeek = 30;
    private const int Items = 20_000;
    /// <summary>The tree of the gate and of the ranking alike: two groups, three benchmarks (flow style, one line).</summary>
    private const string Tree = "goodness: [ { name: reasoning, children: [ { benchmark: math }, { benchmark: logic } ] }, { name: knowledge, children: [ { benchmark: facts } ] } ]";
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public GeneratedSite()
    {
        File.WriteAllText(Mpg.PathOf("mpg.yml"), $$"""
            version: 1
            name: assistant
            inputs: [ { path: "run-*/scores.csv", format: csv } ]
            {{Tree}}
            baseline: history:main
            gate:
              margin: 0.01
              drift: { window: 10, margin: 0.01 }
            history: sqlite:.mpg/history.db
            """);
        for (var week = 0; week <= Weeks; week++)
        {
            WriteRun($"run-{week}", week, 0);
        }

        Check(Mpg.RunWith(At(0), "score", "-i", "run-0/scores.csv", "-o", "week0.json"));
        Check(Mpg.RunWith(At(0), "history", "record", "--scorecard", "week0.json", "--branch", "main", "--commit", Sha(0)));
        for (var week = 1; week <= Weeks; week++)
        {
            Check(Mpg.RunWith(At(week), "gate", "-i", $"run-{week}/scores.csv", "--record", "--branch", "main", "--commit", Sha(week), "--json", $"verdicts/main-{week}.json"), gate: true);
            if (week % PullRequestEvery == 0)
            {
                // The pull request's own run, half a point better, gated against main the next day.
                WriteRun($"pr-{week}", week, 0.005);
                var pr = (week / PullRequestEvery).ToString(CultureInfo.InvariantCulture);
                Check(Mpg.RunWith(At(week, hours: 30), "gate", "-i", $"pr-{week}/scores.csv", "--record", "--branch", $"feature-{pr}", "--commit", Sha(1000 + week), "--pr", pr, "--json", $"verdicts/pr-{week}.json"), gate: true);
            }
        }

        WriteRanking();
        Check(Mpg.Run("rank", "-p", "rank.yml", "--reference", "arena.csv", "--html", "ranking-page"));
        Check(Mpg.Run("site", "-o", "site", "--ranking", "ranking-page", "--repo-url", "https://github.com/example/assistant"));
    }

    internal Mpg Mpg { get; } = new();

    public string Site => Mpg.PathOf("site");

    public int PullRequests => Weeks / PullRequestEvery;

    /// <summary>The verdict files the gates wrote, by name (<c>main-7</c>, <c>pr-8</c>).</summary>
    public IEnumerable<(string Name, System.Text.Json.JsonElement Verdict)> Verdicts() =>
        Directory.GetFiles(Mpg.PathOf("verdicts"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()));

    public void Dispose() => Mpg.Dispose();

    private static string Sha(int n) => (0x5eed0000 + n).ToString("x8", CultureInfo.InvariantCulture) + "aa" + n.ToString("d4", CultureInfo.InvariantCulture);

    private static Func<string, string?> At(int week, int hours = 0) =>
        name => name == "SOURCE_DATE_EPOCH" ? Monday.AddDays(7 * week).AddHours(hours).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : null;

    internal static void Check(Mpg.Result result, bool gate = false) =>
        Assert.True(result.ExitCode == 0 || (gate && result.ExitCode == 1), $"exit {result.ExitCode}: {result.Stderr}");

    private void WriteRun(string folder, int week, double better)
    {
        int Successes(string benchmark)
        {
            var accuracy = 0.75 - (0.003 * week) + better - (benchmark == "math" && week == DropWeek ? 0.10 : 0);
            return (int)Math.Round(accuracy * Items);
        }

        Directory.CreateDirectory(Mpg.PathOf(folder));
        var rows = new[] { "math", "logic", "facts" }.Select(b => string.Create(CultureInfo.InvariantCulture, $"assistant,{b},{Items},{Successes(b)}"));
        File.WriteAllText(Mpg.PathOf(Path.Combine(folder, "scores.csv")), "model,benchmark,n,successes\n" + string.Join('\n', rows) + "\n");
    }

    /// <summary>20 models answering the same 3 × 150 items (seeded), better ones slower, and an Arena-like reference score.</summary>
    private void WriteRanking()
    {
        File.WriteAllText(Mpg.PathOf("rank.yml"), $$"""
            version: 1
            name: models
            inputs: [ { path: "models.csv", format: csv } ]
            {{Tree}}
            fastness: { metric: qps }
            """);
        var random = new Random(16);
        var csv = new StringBuilder("model,benchmark,item,score,latency_ms\n");
        var arena = new StringBuilder("model,score\n");
        for (var m = 0; m < Models; m++)
        {
            var model = $"model-{m:00}";
            var accuracy = 0.50 + (0.02 * m);
            foreach (var benchmark in new[] { "math", "logic", "facts" })
            {
                for (var i = 0; i < 150; i++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{model},{benchmark},q{i},{(random.NextDouble() < accuracy ? 1 : 0)},{200 + (25 * m) + random.Next(0, 60)}\n");
                }
            }

            arena.Append(CultureInfo.InvariantCulture, $"{model},{1000 + (12 * m) + random.Next(-20, 20)}\n");
        }

        File.WriteAllText(Mpg.PathOf("models.csv"), csv.ToString());
        File.WriteAllText(Mpg.PathOf("arena.csv"), arena.ToString());
    }
}
