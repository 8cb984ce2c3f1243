using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>What reaches GitHub: names from inputs as text, and bodies within GitHub's limit.</summary>
public sealed class CommentBodyTests : IAsyncLifetime
{
    private const string Hostile = "@org/team|<img src=x onerror=alert(1)>";
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static Verdict VerdictWith(string model, IEnumerable<NodeComparison> extra) => new(
        Verdict.SchemaId, "suite", VerdictResult.Fail, "2026-11-27T00:00:00Z", "0.1.0", "baseline.json", model, model, 1, 20_000, 0.95, Correction.Holm,
        [
            new NodeComparison("goodness", null, "group", true, NodeStatus.Regression, "goodness", Change(0.7, 0.6, -0.1, -0.12, -0.08, 0.99, 0.0), new NodeItems(null, null, false), null),
            new NodeComparison("grp", "goodness", "group", false, NodeStatus.Unchanged, null, Change(0.7, 0.7, 0, -0.01, 0.01, 0.1, 0.1), new NodeItems(null, null, false), null),
            .. extra,
        ],
        [new RuleOutcome("goodness", RuleKind.Regression, "mpg.yml", 12, 7, 0.01, 0.95, 0.95, null, NodeStatus.Regression, false, $"goodness dropped for {model}")],
        new FastnessComparison(FastnessMetric.Qps, 10, 11, 1.1, null, FastnessStatus.Ok, null));

    private static NodeComparison Leaf(string id) =>
        new(id, "grp", "benchmark", false, NodeStatus.Unchanged, null, Change(0.7, 0.7, 0, -0.01, 0.01, 0.1, 0.1), new NodeItems(100, 100, false), null);

    private static DeltaStats Change(double baseline, double candidate, double delta, double lower, double upper, double pRegression, double pImprovement) =>
        new(baseline, candidate, new DrawSummary(delta, 0.01, lower, upper), pRegression, pImprovement);

    [Fact]
    public async Task HostileNames_ReachGitHubAsText()
    {
        var markdown = VerdictMarkdown.Render(VerdictWith(Hostile, [Leaf(Hostile)]));

        await new Publisher(server).Publish(markdown, failed: true);

        var posted = Assert.Single(server.Comments).Body;
        Assert.DoesNotContain("@org", posted, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", posted, StringComparison.Ordinal);
        Assert.Contains("&#64;org/team&#124;&lt;img", posted, StringComparison.Ordinal);

        // Every row of a table has as many cells as its header: no name broke a table.
        foreach (var table in Tables(posted))
        {
            var columns = Cells(table[0]);
            Assert.All(table, row => Assert.Equal(columns, Cells(row)));
        }
    }

    [Fact]
    public async Task OversizedReport_IsCutBelowTheLimit_KeepingTheMarker()
    {
        var leaves = Enumerable.Range(0, 2_000).Select(i => Leaf($"benchmark_with_a_long_name_{i:D4}"));
        var markdown = VerdictMarkdown.Render(VerdictWith("m", leaves));
        Assert.True(markdown.Length > BodyLimit.GitHubMaxLength);

        await new Publisher(server).Publish(markdown, failed: true);

        var posted = Assert.Single(server.Comments).Body;
        Assert.InRange(posted.Length, BodyLimit.GitHubMaxLength - 2_000, BodyLimit.GitHubMaxLength);
        Assert.StartsWith(VerdictMarkdown.Marker("suite"), posted, StringComparison.Ordinal);
        Assert.Equal(Count(posted, "<details"), Count(posted, "</details>"));
    }

    [Fact]
    public void ShortBodies_AreNotTouched()
    {
        Assert.Equal("abc\n", BodyLimit.Fit("abc\n"));
    }

    [Fact]
    public void CutInsideACodeFence_ClosesIt()
    {
        var body = "<!-- mpg-gate:x -->\n<details>\n```\n" + string.Concat(Enumerable.Repeat("line\n", 100));

        var cut = BodyLimit.Fit(body, 300);

        Assert.True(cut.Length <= 300);
        Assert.Equal(0, Count(cut, "```") % 2);
        Assert.Equal(1, Count(cut, "</details>"));
    }

    private static IEnumerable<List<string>> Tables(string markdown)
    {
        var current = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                current.Add(line);
            }
            else if (current.Count > 0)
            {
                yield return current;
                current = [];
            }
        }
    }

    private static int Cells(string row) => row.Count(c => c == '|');

    private static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
