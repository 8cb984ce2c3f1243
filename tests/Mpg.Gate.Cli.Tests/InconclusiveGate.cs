using System.Xml.Linq;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// "Too few items to know" is not a pass. Real Inspect runs of the popularity task (10 items, 5 epochs,
/// claude-sonnet-4 → gpt-5, −6 points) and a 20-item benchmark that fell from 90% to 70% gate as
/// <c>inconclusive</c>: exit 0, but no ✅ anywhere, and the items that would decide it; with
/// <c>gate.inconclusive: fail</c> they exit 1.
/// </summary>
public sealed class InconclusiveGate : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();


    private Mpg.Result GatePopularity(string policy)
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), policy);
        mpg.CopyIn("baseline-run", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "openai__gpt-5__epochs5");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);
        mpg.Environment["GITHUB_ACTIONS"] = "true";
        mpg.Environment["GITHUB_OUTPUT"] = mpg.PathOf("output.txt");
        mpg.Environment["GITHUB_STEP_SUMMARY"] = mpg.PathOf("summary.md");
        return mpg.Run("gate", "-i", "candidate", "--json", "verdict.json", "--report-md", "mpg.md", "--junit", "mpg.junit.xml");
    }

    private const string Policy = "version: 1\nname: popularity\nbaseline: baseline.json\ngoodness:\n  - { benchmark: popularity }\ngate:\n  rules:\n    - { node: goodness }\n";

    [Fact]
    public void RealInspectRuns_TenItems_AreInconclusiveEverywhereAndExitZero()
    {
        var result = GatePopularity(Policy);

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.HasStackTrace);
        var verdict = mpg.Json("verdict.json");
        Assert.Equal("inconclusive", verdict.GetProperty("verdict").GetString());
        var root = verdict.Node("goodness");
        Assert.Equal("inconclusive", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("paired").GetBoolean());
        Assert.Equal(-0.06, root.GetProperty("delta").GetDouble(), 2);
        Assert.True(root.GetProperty("itemsNeeded").GetInt32() > 100);

        var markdown = File.ReadAllText(mpg.PathOf("mpg.md"));
        Assert.DoesNotContain("✅", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠️ MPG gate `popularity`: inconclusive", markdown, StringComparison.Ordinal);
        Assert.Contains("more items would decide a 2-point drop", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown, File.ReadAllText(mpg.PathOf("summary.md")));

        Assert.Contains("verdict=inconclusive", File.ReadAllLines(mpg.PathOf("output.txt")));
        Assert.Contains("warning MPG1004: goodness:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("::warning file=mpg.yml,line=8,col=7,title=MPG1004 goodness::", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("INCONCLUSIVE", result.Stdout, StringComparison.Ordinal);

        var testcase = XDocument.Load(mpg.PathOf("mpg.junit.xml")).Descendants("testcase").First(t => (string?)t.Attribute("name") == "regression goodness");
        Assert.Null(testcase.Element("failure"));
        Assert.Contains("inconclusive", (string?)testcase.Element("skipped")?.Attribute("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void RealInspectRuns_InconclusiveFail_ExitsOne()
    {
        var result = GatePopularity(Policy.Replace("gate:\n", "gate:\n  inconclusive: fail\n", StringComparison.Ordinal));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fail", mpg.Json("verdict.json").GetProperty("verdict").GetString());
        Assert.Contains("error MPG1004: goodness:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("inconclusive", XDocument.Load(mpg.PathOf("mpg.junit.xml")).Descendants("failure").Single().Attribute("type")?.Value);
        Assert.Contains("verdict=fail", File.ReadAllLines(mpg.PathOf("output.txt")));
    }

    [Fact]
    public void RuleInconclusivePass_Passes_TheNodeStillSaysInconclusive()
    {
        var result = GatePopularity(Policy.Replace("{ node: goodness }", "{ node: goodness, inconclusive: pass }", StringComparison.Ordinal));

        Assert.Equal(0, result.ExitCode);
        var verdict = mpg.Json("verdict.json");
        Assert.Equal("pass", verdict.GetProperty("verdict").GetString());
        Assert.Equal("inconclusive", verdict.Node("goodness").GetProperty("status").GetString());
    }

    [Fact]
    public void TwentyItems_NinetyToSeventyPercent_InconclusiveThenFailWhenThePolicySaysSo()
    {
        File.WriteAllText(mpg.PathOf("baseline.csv"), "model,benchmark,n,successes\nm-1,faq,20,18\n");
        Directory.CreateDirectory(mpg.PathOf("run-42"));
        File.WriteAllText(mpg.PathOf("run-42/answers.csv"), "model,benchmark,n,successes\nm-2,faq,20,14\n");
        const string policy = "version: 1\nname: faq\nbaseline: baseline.json\ngoodness:\n  - { benchmark: faq }\n";
        File.WriteAllText(mpg.PathOf("mpg.yml"), policy);
        Assert.Equal(0, mpg.Run("score", "-i", "baseline.csv", "-o", "baseline.json").ExitCode);

        var warned = mpg.Run("gate", "-i", "run-42", "--json", "verdict.json", "--report-md", "mpg.md");

        Assert.Equal(0, warned.ExitCode);
        Assert.Equal("inconclusive", mpg.Json("verdict.json").GetProperty("verdict").GetString());
        var markdown = File.ReadAllText(mpg.PathOf("mpg.md"));
        Assert.DoesNotContain("✅", markdown, StringComparison.Ordinal);
        Assert.Matches("about [0-9,]+ more items would decide a 2-point drop", markdown);

        File.WriteAllText(mpg.PathOf("mpg.yml"), policy + "gate:\n  inconclusive: fail\n");
        var failed = mpg.Run("gate", "-i", "run-42", "--json", "verdict.json");

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("fail", mpg.Json("verdict.json").GetProperty("verdict").GetString());
    }
}
