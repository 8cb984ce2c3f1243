using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mpg.Gate.Cli;

namespace Mpg.Gate.Review.Tests;

/// <summary><c>--codequality</c> and <c>--metrics</c>: the files GitLab's merge request widgets read.</summary>
public sealed partial class GitLabReportFiles : IDisposable
{
    private readonly GateRun run = new();

    public void Dispose() => run.Dispose();

    private CliResult Gate(string candidate, string codeQuality = "gl-code-quality.json") =>
        run.Gate(candidate, extra: ["--codequality", codeQuality, "--metrics", "metrics.txt"]);

    [Fact]
    public void CodeQuality_OneFindingPerFailedRuleAtItsLine_StableFingerprints_NoBom()
    {
        run.Environment["GITLAB_CI"] = "true";
        run.Environment["CI_PROJECT_DIR"] = run.Folder;

        var first = Gate(GateRun.Failing, "first.json");
        var second = Gate(GateRun.Failing, "second.json");

        Assert.Equal(ExitCodes.GateFailed, first.Code);
        Assert.Equal(ExitCodes.GateFailed, second.Code);
        var bytes = File.ReadAllBytes(run.PathOf("first.json"));
        Assert.NotEqual(0xEF, bytes[0]);
        using var document = JsonDocument.Parse(bytes);
        var findings = document.RootElement.EnumerateArray().ToList();
        var failedRules = first.Err.Split('\n').Count(l => l.Contains(": error MPG1", StringComparison.Ordinal));
        Assert.Equal(failedRules, findings.Count(f => f.GetProperty("severity").GetString() == "major"));
        var policy = File.ReadAllLines(run.PathOf("mpg.yml"));
        foreach (var finding in findings)
        {
            Assert.Matches("^MPG[0-9]{4}$", finding.GetProperty("check_name").GetString());
            Assert.Equal("mpg.yml", finding.GetProperty("location").GetProperty("path").GetString());
            Assert.Contains("node:", policy[finding.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32() - 1], StringComparison.Ordinal);
        }

        var fingerprints = findings.Select(f => f.GetProperty("fingerprint").GetString()).ToList();
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        using var again = JsonDocument.Parse(File.ReadAllBytes(run.PathOf("second.json")));
        Assert.Equal(fingerprints, again.RootElement.EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()));
    }

    [Fact]
    public void Metrics_OneScorePerNode_MatchingTheVerdict_InOpenMetricsText()
    {
        Gate(GateRun.Failing);

        var text = File.ReadAllText(run.PathOf("metrics.txt"));
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        var samples = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.All(samples, s => Assert.Matches(Sample(), s));
        var scores = samples.Select(s => Sample().Match(s)).Where(m => m.Groups["name"].Value == "mpg_score")
            .ToDictionary(m => m.Groups["node"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        using var verdict = JsonDocument.Parse(File.ReadAllText(run.PathOf("verdict.json")));
        var nodes = verdict.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(nodes.Count, scores.Count);
        foreach (var node in nodes)
        {
            Assert.Equal(node.GetProperty("candidateMean").GetDouble() * 100, scores[node.GetProperty("id").GetString()!], 3);
        }
    }

    // name{gate="…",node="…"} value (OpenMetrics text: label values quoted, \\ \" \n escaped).
    [GeneratedRegex("""^(?<name>mpg_[a-z_]+)\{gate="suite",(?:node|metric)="(?<node>(?:[^"\\]|\\.)*)"\} (?<value>-?[0-9]+(?:\.[0-9]+)?)$""")]
    private static partial Regex Sample();
}
