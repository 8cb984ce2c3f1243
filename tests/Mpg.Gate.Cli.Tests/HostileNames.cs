using System.Text.Json;
using System.Xml.Linq;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Names from inputs are text everywhere they are rendered: a model and a benchmark named to break out of the PR comment's
/// markup, mention everyone and smuggle a workflow command into the log render as text in Markdown, the job summary, JUnit
/// XML (well-formed), JSON, the annotations and the console.
/// </summary>
public sealed class HostileNames : IDisposable
{
    private const string Model = "</details><img src=x onerror=1>|@everyone\n::error::pwned";
    private const string Benchmark = "</summary>`|*x*<script>alert(1)</script>\r\n::warning::smuggled\u0001\u001b[31m";

    private readonly Mpg mpg = new();

    public HostileNames()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: hostile\ngate: { scope: all, min_n: 10 }\n");
        Table("baseline.csv", passes: 30);
        Table("candidate.csv", passes: 5);
        mpg.Environment["GITHUB_ACTIONS"] = "true";
        mpg.Environment["GITHUB_STEP_SUMMARY"] = mpg.PathOf("summary.md");
        mpg.Environment["GITHUB_OUTPUT"] = mpg.PathOf("outputs.txt");
    }

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void AHostileModelAndBenchmark_RenderAsTextEverywhere()
    {
        Assert.Equal(0, mpg.Run("score", "-i", "baseline.csv", "-o", "baseline.json").ExitCode);

        var result = mpg.Run("gate", "-i", "candidate.csv", "--baseline", "baseline.json", "--report-md", "mpg.md", "--junit", "mpg.junit.xml", "--json", "mpg.json");

        Assert.Equal(1, result.ExitCode);
        foreach (var markdown in new[] { File.ReadAllText(mpg.PathOf("mpg.md")), File.ReadAllText(mpg.PathOf("summary.md")) })
        {
            foreach (var raw in new[] { "</details><img", "<img", "<script>", "@everyone", "</summary>`" })
            {
                Assert.DoesNotContain(raw, markdown, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Lines(markdown), l => l.StartsWith("::", StringComparison.Ordinal));
        }

        // The log: every workflow command is one of ours, and none was smuggled in by a name.
        foreach (var line in Lines(result.Stdout + result.Stderr))
        {
            Assert.False(line.StartsWith("::", StringComparison.Ordinal) && !line.StartsWith("::error file=", StringComparison.Ordinal)
                && !line.StartsWith("::warning file=", StringComparison.Ordinal), $"a workflow command from an input: {line}");
        }

        var junit = XDocument.Parse(File.ReadAllText(mpg.PathOf("mpg.junit.xml")));
        Assert.Contains(junit.Descendants("testcase"), t => ((string?)t.Attribute("name"))?.Contains("<script>", StringComparison.Ordinal) == true);

        using var verdict = JsonDocument.Parse(File.ReadAllText(mpg.PathOf("mpg.json")));
        Assert.Equal(Model, verdict.RootElement.GetProperty("candidateModel").GetString());
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

    private void Table(string name, int passes)
    {
        static string Quoted(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var rows = new List<string> { "model,benchmark,item,score" };
        for (var i = 0; i < 40; i++)
        {
            rows.Add($"{Quoted(Model)},{Quoted(Benchmark)},{i},{(i < passes ? 1 : 0)}");
            rows.Add($"{Quoted(Model)},plain,{i},1");
        }

        File.WriteAllText(mpg.PathOf(name), string.Join("\n", rows) + "\n");
    }
}
