using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.Distributions;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// A year of weekly main runs (generated per-benchmark CSV inputs), each 0.3 points worse than the week before,
/// gated through the CLI as CI would run it: <c>mpg gate --record</c> against <c>history:main</c> with
/// <c>gate.drift: { window: 10, margin: 0.01 }</c>. Every per-PR step passes its own rule; the drift rule fails
/// from the week the closed form says, and every week after.
/// </summary>
public sealed class DriftSlide : IDisposable
{
    private const int Weeks = 52;
    private const int Items = 20_000;
    private const double Start = 0.75;
    private const double SlidePerWeek = 0.003;
    private const int Window = 10;
    private const double Margin = 0.01;
    private const double Confidence = 0.95;
    private static readonly string[] Benchmarks = ["reasoning", "knowledge"];
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private static int Successes(int week) => (int)Math.Round((Start - (SlidePerWeek * week)) * Items);

    private void WriteWeek(int week)
    {
        var folder = Directory.CreateDirectory(mpg.PathOf($"run-{week}")).FullName;
        var lines = Benchmarks.Select(b => string.Create(CultureInfo.InvariantCulture, $"assistant,{b},{Items},{Successes(week)}"));
        File.WriteAllText(Path.Combine(folder, "scores.csv"), "model,benchmark,n,successes\n" + string.Join('\n', lines) + "\n");
    }

    /// <summary>The week's Monday morning, as CI would stamp it (records are ordered by time).</summary>
    private static Func<string, string?> InWeek(int week) =>
        name => name == "SOURCE_DATE_EPOCH" ? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddDays(7 * week).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : null;

    private Mpg.Result Gate(int week) =>
        mpg.RunWith(InWeek(week), "gate", "-i", $"run-{week}/scores.csv", "--record", "--branch", "main", "--commit", $"week{week:00}", "--json", $"verdict-{week}.json", "--report-md", "report.md", "--junit", "junit.xml");

    /// <summary>
    /// The closed form the drift rule estimates: Goodness is the mean of two Beta(1 + s, 1 + n − s) leaves; the
    /// reference is the mean of the window's m records, so Δ is normal enough at n = 20,000 with
    /// mean g_k − mean(g_{k−m} … g_{k−1}) and variance var_k + Σ var_i / m².
    /// </summary>
    private static double PDrift(int week)
    {
        static (double Mean, double Var) Goodness(int w)
        {
            double a = 1 + Successes(w), b = 1 + Items - Successes(w);
            var mean = a / (a + b);
            var leafVar = a * b / ((a + b) * (a + b) * (a + b + 1));
            return (mean, leafVar / Benchmarks.Length);
        }

        var window = Enumerable.Range(Math.Max(0, week - Window), Math.Min(week, Window)).Select(Goodness).ToList();
        var candidate = Goodness(week);
        var deltaMean = candidate.Mean - window.Average(g => g.Mean);
        var deltaSd = Math.Sqrt(candidate.Var + (window.Sum(g => g.Var) / (window.Count * window.Count)));
        return Normal.CDF(deltaMean, deltaSd, -Margin);
    }

    [Fact]
    public void EveryStepPasses_AndDriftFailsFromTheWeekTheClosedFormSays()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $$"""
            version: 1
            name: weekly
            inputs: [ { path: "run-*/scores.csv", format: csv } ]
            goodness:
              - { benchmark: reasoning }
              - { benchmark: knowledge }
            baseline: history:main
            gate:
              margin: {{Margin}}
              confidence: {{Confidence}}
              drift: { window: {{Window}}, margin: {{Margin}} }
            history: sqlite:.mpg/history.db
            """);
        for (var week = 0; week <= Weeks; week++)
        {
            WriteWeek(week);
        }

        Assert.Equal(0, mpg.RunWith(InWeek(0), "score", "-i", "run-0/scores.csv", "-o", "week0.json").ExitCode);
        Assert.Equal(0, mpg.RunWith(InWeek(0), "history", "record", "--scorecard", "week0.json", "--branch", "main", "--commit", "week00").ExitCode);

        var driftWeeks = new List<int>();
        for (var week = 1; week <= Weeks; week++)
        {
            var result = Gate(week);
            Assert.False(result.HasStackTrace, result.Stderr);
            var verdict = mpg.Json($"verdict-{week}.json");
            var rules = verdict.GetProperty("rules").EnumerateArray().ToList();
            var step = rules.Single(r => r.GetProperty("kind").GetString() == "regression");
            var drift = rules.Single(r => r.GetProperty("kind").GetString() == "drift");
            Assert.True(step.GetProperty("passed").GetBoolean(), $"week {week}: the per-PR step failed: {step.GetProperty("message").GetString()}");
            Assert.Equal($"history:main @ week{week - 1:00}", verdict.GetProperty("baseline").GetString());

            var predicted = PDrift(week);
            var drifted = !drift.GetProperty("passed").GetBoolean();
            if (Math.Abs(predicted - Confidence) > 0.02)
            {
                Assert.True(drifted == predicted >= Confidence, $"week {week}: closed form P = {predicted:0.000}, the rule said {(drifted ? "drift" : "no drift")}");
            }

            Assert.Equal(drifted ? 1 : 0, result.ExitCode);
            Assert.Equal(drifted ? "drift" : "unchanged", verdict.Node("goodness").GetProperty("status").GetString());
            Assert.Equal(Math.Min(week, Window), verdict.GetProperty("drift").GetProperty("records").GetInt32());
            if (drifted)
            {
                driftWeeks.Add(week);
                Assert.Contains("error MPG1006: goodness: drift against the mean of the last", result.Stderr, StringComparison.Ordinal);
            }
        }

        // Week 52: the window averages weeks 42–51, 0.3 × 5.5 = 1.65 points above the candidate (−1.7 as shown, rounded).
        var report = File.ReadAllText(mpg.PathOf("report.md"));
        Assert.Contains("### ❌ MPG gate `weekly`: Goodness drifted (−1.7 pts against the last 10 records on main", report, StringComparison.Ordinal);
        Assert.Contains("```mermaid\nxychart-beta\n  title \"Goodness on main\"\n  x-axis [week42, week43, week44, week45, week46, week47, week48, week49, week50, week51]\n", report, StringComparison.Ordinal);
        Assert.Contains("  line [62.4, 62.1, 61.8, 61.5, 61.2, 60.9, 60.6, 60.3, 60.0, 59.7]\n", report, StringComparison.Ordinal);
        var junit = System.Xml.Linq.XDocument.Load(mpg.PathOf("junit.xml"));
        Assert.Single(junit.Descendants("failure"));

        // From week 9 (closed form P = 0.98; week 8: 0.93) to the end, without a gap.
        Assert.Equal(Enumerable.Range(9, Weeks - 8), driftWeeks);
    }
}
