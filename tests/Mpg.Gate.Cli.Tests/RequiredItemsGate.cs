using System.Globalization;
using System.Text;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// <c>gate.required</c>: a listed item that the baseline answered and the candidate broke fails the gate (exit 1,
/// MPG1005, the item named) even when every node improved; a listed id the baseline does not have fails closed.
/// Runs are JSONL files of 1,000 items, the candidate far better except on item <c>q17</c>.
/// </summary>
public sealed class RequiredItemsGate : IDisposable
{
    private readonly Mpg mpg = new();

    public RequiredItemsGate()
    {
        Directory.CreateDirectory(mpg.PathOf("run-41"));
        Directory.CreateDirectory(mpg.PathOf("run-42"));
        File.WriteAllText(mpg.PathOf("run-41/scores.jsonl"), Lines(i => i % 10 < 6 || i == 17));
        File.WriteAllText(mpg.PathOf("run-42/scores.jsonl"), Lines(i => i % 10 < 9 && i != 17));
    }

    public void Dispose() => mpg.Dispose();

    private static string Lines(Func<int, bool> correct)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{{\"model\": \"m\", \"benchmark\": \"faq\", \"item\": \"q{i}\", \"score\": {(correct(i) ? 1 : 0)}}}\n");
        }

        return sb.ToString();
    }

    private Mpg.Result Gate(string required)
    {
        const string policy = "version: 1\nname: faq\nbaseline: baseline.json\ngoodness:\n  - { benchmark: faq }\n";
        File.WriteAllText(mpg.PathOf("mpg.yml"), policy);
        Assert.Equal(0, mpg.Run("score", "-i", "run-41", "-o", "baseline.json").ExitCode);
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"{policy}gate:\n  required:\n{required}");
        return mpg.Run("gate", "-i", "run-42", "--json", "verdict.json", "--report-md", "mpg.md");
    }

    [Fact]
    public void BrokenRequiredItem_FailsAGateThatImproved_NamingTheItem()
    {
        var result = Gate("    - { benchmark: faq, items: [q3, q17] }\n");

        Assert.Equal(1, result.ExitCode);
        var verdict = mpg.Json("verdict.json");
        Assert.Equal("fail", verdict.GetProperty("verdict").GetString());
        Assert.Equal("improvement", verdict.Node("goodness").GetProperty("status").GetString());
        Assert.Equal("required", verdict.Node("faq").GetProperty("status").GetString());
        Assert.Contains("mpg.yml(8,7): error MPG1005: faq: required item 'q17' (score 1 → 0) broke", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'q3'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("q17", File.ReadAllText(mpg.PathOf("mpg.md")).Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredItemsFromAFile_ThatHold_Pass()
    {
        File.WriteAllText(mpg.PathOf("required.txt"), "# contract cases\nq3\n\nq4\n");

        var result = Gate("    - { benchmark: faq, file: required.txt }\n");

        Assert.Equal(0, result.ExitCode);
        var rule = mpg.Json("verdict.json").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "required");
        Assert.True(rule.GetProperty("passed").GetBoolean());
        Assert.Contains("2 required items hold", rule.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRequiredId_FailsClosed()
    {
        var result = Gate("    - { benchmark: faq, items: [q3, nosuch] }\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'nosuch' not in the baseline's items", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingIdFile_IsAPolicyError()
    {
        var result = Gate("    - { benchmark: faq, file: nowhere.txt }\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mpg.yml(8,25): error MPG2001: required items file 'nowhere.txt' not found", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }
}
