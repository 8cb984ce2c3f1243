using System.Globalization;
using System.Text;
using System.Text.Json;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Which items broke and which were fixed, as a reviewer asks next: counted here independently from the real files
/// (python-free: the samples lines parsed in the test), then compared with <c>mpg explain</c> and the PR comment.
/// </summary>
public sealed class ExplainVerdict : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <summary>(task, doc_id) → (score, doc question, target, first filtered response) of a model folder's samples files.</summary>
    private static Dictionary<(string Task, string Id), (double Score, string Question, string Target, string Answer)> Samples(string folder)
    {
        var items = new Dictionary<(string, string), (double, string, string, string)>();
        foreach (var file in Directory.GetFiles(folder, "samples_*.jsonl"))
        {
            var task = Path.GetFileName(file)["samples_".Length..Path.GetFileName(file).LastIndexOf('_')];
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                var e = JsonDocument.Parse(line).RootElement;
                var id = e.GetProperty("doc_id").GetInt32().ToString(CultureInfo.InvariantCulture);
                items.Add((task, id), (e.GetProperty("exact_match").GetDouble(), e.GetProperty("doc").GetProperty("question").GetString()!,
                    e.GetProperty("target").ToString(), e.GetProperty("filtered_resps")[0].GetString()!));
            }
        }

        return items;
    }

    private static List<JsonElement> Lines(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Theory]
    [InlineData("mmlu_pro_plus", "__workspace__gemma-3-12b-it-base", "__workspace__gemma3_12b_u2")]
    [InlineData("gsm8k", "gemma3__12b-it-q4_K_M", "gemma3__12b-u1")]
    public void TwoModelsOnTheSameItems_ListExactlyTheItemsThatFlipped_WithTheirExcerpts(string task, string baseModel, string candidateModel)
    {
        mpg.CopyIn("baseline-run", "lm-eval", "paired", task, baseModel);
        mpg.CopyIn("candidate", "lm-eval", "paired", task, candidateModel);
        var before = Samples(mpg.PathOf("baseline-run"));
        var after = Samples(mpg.PathOf("candidate"));
        var expected = after.Keys.Where(before.ContainsKey).Where(k => before[k].Score != after[k].Score)
            .Select(k => (k.Task, k.Id, Change: after[k].Score < before[k].Score ? "broken" : "fixed"))
            .Order().ToList();
        Assert.NotEmpty(expected);

        // The tasks with samples as the tree's leaves (without a policy mmlu_pro_plus would be one leaf, from its group counts).
        var leaves = string.Concat(before.Keys.Select(k => k.Task).Distinct().Order().Select(t => $"  - {{ benchmark: {t} }}\n"));
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"version: 1\nname: pair\nbaseline: baseline.json\ninputs:\n  - path: candidate/**/*\ngoodness:\n{leaves}");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);
        var result = mpg.Run("explain", "--format", "jsonl");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = Lines(result.Stdout);
        Assert.Equal(expected, lines.Select(l => (l.GetProperty("benchmark").GetString()!, l.GetProperty("item").GetString()!, l.GetProperty("change").GetString()!)).Order().ToList());
        foreach (var line in lines)
        {
            var key = (line.GetProperty("benchmark").GetString()!, line.GetProperty("item").GetString()!);
            Assert.Equal(before[key].Score, line.GetProperty("baselineScore").GetDouble());
            Assert.Equal(after[key].Score, line.GetProperty("candidateScore").GetDouble());
            Assert.Equal(after[key].Question.Trim(), line.GetProperty("input").GetString());
            Assert.Equal(after[key].Target.Trim(), line.GetProperty("target").GetString());
            Assert.Equal(before[key].Answer.Trim(), line.GetProperty("baselineAnswer").GetString());
            Assert.Equal(after[key].Answer.Trim(), line.GetProperty("candidateAnswer").GetString());
        }

        // The contract's fields, in its order, strings or null.
        Assert.Equal(["benchmark", "item", "change", "baselineScore", "candidateScore", "input", "target", "baselineAnswer", "candidateAnswer"],
            lines[0].EnumerateObject().Select(p => p.Name).Take(9));
    }

    [Fact]
    public void TheBaselineScorecard_StillExplainsWithoutItsEvalFiles()
    {
        mpg.CopyIn("baseline-run", "lm-eval", "paired", "gsm8k", "gemma3__12b-it-q4_K_M");
        mpg.CopyIn("run-42", "lm-eval", "paired", "gsm8k", "gemma3__12b-u1");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);
        var answer = Samples(mpg.PathOf("baseline-run"))[("gsm8k", "18")].Answer;
        Directory.Delete(mpg.PathOf("baseline-run"), recursive: true);

        var text = mpg.Run("explain", "-i", "run-42", "--baseline", "baseline.json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("broken gsm8k #18: 1 → 0", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"baseline: {answer}", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptfooTwoProviders_PairAndListWhatFlipped_HereNothing()
    {
        // The real two-provider export: gpt-4o and gpt-4o-mini pass and fail the same tests (counted here from the file).
        File.Copy(Mpg.Data("promptfoo", "tthatcher95_nicheIQ", "results.json"), mpg.PathOf("run-7.json"));
        var outcomes = JsonDocument.Parse(File.ReadAllText(mpg.PathOf("run-7.json"))).RootElement.GetProperty("results").GetProperty("results").EnumerateArray()
            .GroupBy(r => (Prompt: r.GetProperty("prompt").GetProperty("label").GetString(), Test: r.GetProperty("testIdx").GetInt32()))
            .Select(g => g.ToDictionary(r => r.GetProperty("provider").GetProperty("label").GetString()!, r => r.GetProperty("success").GetBoolean()))
            .Where(d => d.Count == 2)
            .ToList();
        var flipped = outcomes.Count(d => d["gpt-4o"] != d["gpt-4o-mini"]);
        Assert.Equal(0, mpg.Run("score", "-i", "run-7.json", "--model", "gpt-4o-mini", "-o", "baseline.json").ExitCode);

        var result = mpg.Run("explain", "-i", "run-7.json", "--model", "gpt-4o", "--baseline", "baseline.json");
        var csv = mpg.Run("explain", "-i", "run-7.json", "--model", "gpt-4o", "--baseline", "baseline.json", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"goodness: 0 broken, {flipped} fixed of {outcomes.Count} paired items", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("benchmark,item,change,baselineScore,candidateScore,input,target,baselineAnswer,candidateAnswer\r\n", csv.Stdout);
    }

    /// <summary>A per-item table: items 1..n pass in the baseline; in the candidate the first <paramref name="broken"/> fail, saying <paramref name="output"/>.</summary>
    private void Tables(int n, int broken, string output)
    {
        static string Field(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var (file, model, failing) in new[] { ("baseline.csv", "model-a", 0), ("candidate.csv", "model-b", broken) })
        {
            var sb = new StringBuilder("model,benchmark,item,score,input,target,output\n");
            for (var i = 1; i <= n; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{model},qa,{i},{(i <= failing ? 0 : 1)},{Field($"question {i}")},{Field("42")},{Field(i <= failing ? output : "42")}\n");
            }

            File.WriteAllText(mpg.PathOf(file), sb.ToString());
        }

        Assert.Equal(0, mpg.Run("score", "-i", "baseline.csv", "-o", "baseline.json").ExitCode);
    }

    [Fact]
    public void HostileModelOutput_RendersAsTextInTheComment()
    {
        const string hostile = "</details> | cell ``` fence\n```\n@team <img src=x onerror=alert(1)> [link](http://x) **bold**";
        Tables(200, 40, hostile);

        var result = mpg.Run("gate", "-i", "candidate.csv", "--baseline", "baseline.json", "--report-md", "comment.md");

        Assert.Equal(1, result.ExitCode);
        var markdown = File.ReadAllText(mpg.PathOf("comment.md"));
        Assert.Contains("What changed under Goodness: 40 broken, 0 fixed of 200 paired items", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("@team", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("</details> |", markdown, StringComparison.Ordinal);

        var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
        var document = Markdown.Parse(markdown, pipeline);
        // No code block and no link came from the output, and the only HTML is our own details/summary tags.
        Assert.Empty(document.Descendants<FencedCodeBlock>());
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.DoesNotContain(document.Descendants<EmphasisInline>(), e => e.FirstChild is LiteralInline { } text && text.Content.ToString() == "bold");
        var html = document.Descendants<HtmlBlock>().Select(b => markdown.Substring(b.Span.Start, b.Span.Length))
            .Concat(document.Descendants<HtmlInline>().Select(h => h.Tag));
        Assert.All(html, tag => Assert.True(System.Text.RegularExpressions.Regex.IsMatch(tag.Trim(), "^(</?details( open)?>|<details( open)?><summary>[^<]*</summary>|</?summary>|<!-- mpg-[a-z]+:[^>]*-->)$"), tag));
        // Every row of the broken-items table has the header's seven cells: no pipe from the output split a cell.
        var itemsTable = document.Descendants<Table>().Single(t => markdown.Substring(t[0].Span.Start, t[0].Span.Length).Contains("candidate answer", StringComparison.Ordinal));
        Assert.All(itemsTable.OfType<TableRow>(), row => Assert.Equal(7, row.Count));
        Assert.Equal(1 + 3, itemsTable.Count); // header and report.examples (3) broken items
        var rendered = Markdown.ToHtml(markdown, pipeline);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandFlippedItems_KeepTheCommentUnderTheLimitAndSayHowManyAreLeftOut()
    {
        Tables(10_000, 10_000, new string('x', 400) + " long wrong answer");

        var result = mpg.Run("gate", "-i", "candidate.csv", "--baseline", "baseline.json", "--report-md", "comment.md", "--explain-md", "explain.md");

        Assert.Equal(1, result.ExitCode);
        var comment = File.ReadAllText(mpg.PathOf("comment.md"));
        Assert.True(comment.Length < 65_536, $"{comment.Length} characters");
        Assert.Contains("**Broken** (3 of 10,000):", comment, StringComparison.Ordinal);
        Assert.Contains("9,997 more left out here: mpg explain --node goodness lists every item.", comment, StringComparison.Ordinal);
        var full = File.ReadAllText(mpg.PathOf("explain.md"));
        Assert.Equal(10_000, full.Split('\n').Count(l => l.StartsWith("| qa | ", StringComparison.Ordinal) && l.Contains("| question ", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheSameInputs_GiveTheSameBytes_InOrderOfIds()
    {
        Tables(30, 12, "wrong");

        var first = mpg.Run("explain", "-i", "candidate.csv", "--baseline", "baseline.json", "--format", "markdown");
        var second = mpg.Run("explain", "-i", "candidate.csv", "--baseline", "baseline.json", "--format", "markdown");
        var limited = mpg.Run("explain", "-i", "candidate.csv", "--baseline", "baseline.json", "--format", "jsonl", "--broken", "--limit", "5");

        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(["1", "2", "3", "4", "5"], Lines(limited.Stdout).Select(l => l.GetProperty("item").GetString()));
    }

    [Fact]
    public void AnUnknownNode_IsAUsageErrorWithTheNodesThereAre()
    {
        Tables(10, 2, "wrong");

        var result = mpg.Run("explain", "-i", "candidate.csv", "--baseline", "baseline.json", "--node", "qb");

        Assert.Equal(2, result.ExitCode);
        Assert.False(result.HasStackTrace);
        Assert.Contains("--node 'qb' is not in the tree (did you mean 'qa'?); it has: goodness, qa", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ExcerptCharsZero_KeepsNoExcerptsInTheScorecard()
    {
        Tables(10, 2, "wrong");
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: qa\ninputs:\n  - path: baseline.csv\nreport: { excerpt_chars: 0 }\n");

        Assert.Equal(0, mpg.Run("score", "-o", "plain.json").ExitCode);

        Assert.DoesNotContain("excerpts", File.ReadAllText(mpg.PathOf("plain.json")), StringComparison.Ordinal);
        Assert.Contains("\"excerpts\"", File.ReadAllText(mpg.PathOf("baseline.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterShifts_AreTheDirichletPosteriorMeans_LargestDropFirst()
    {
        // Cluster a: 50 items, 20 pass → fail. Cluster b: 50 items, 5 fail → pass. With one pseudo-item per cell of the
        // 2×2 table, E[Δ] = (fixed − broken) / (n + 4) exactly: −20/54 and +5/54 (Monte Carlo error ≈ 0.0005 at 20,000 draws).
        var rows = new StringBuilder("model,benchmark,item,score,cluster\n");
        var candidate = new StringBuilder("model,benchmark,item,score,cluster\n");
        for (var i = 1; i <= 100; i++)
        {
            var cluster = i <= 50 ? "a" : "b";
            var before = i is > 50 and <= 55 ? 0 : 1;
            var after = i <= 20 ? 0 : i is > 50 and <= 55 ? 1 : before;
            rows.Append(CultureInfo.InvariantCulture, $"m1,qa,{i},{before},{cluster}\n");
            candidate.Append(CultureInfo.InvariantCulture, $"m2,qa,{i},{after},{cluster}\n");
        }

        File.WriteAllText(mpg.PathOf("baseline.csv"), rows.ToString());
        File.WriteAllText(mpg.PathOf("candidate.csv"), candidate.ToString());
        Assert.Equal(0, mpg.Run("score", "-i", "baseline.csv", "-o", "baseline.json").ExitCode);
        // Two clusters leave the clustered Δ of the whole inconclusive; a floor fails it, so the verdict explains it.
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: c\nbaseline: baseline.json\ngate:\n  rules:\n    - { node: goodness, floor: 0.99 }\n");

        var result = mpg.Run("gate", "-i", "candidate.csv", "--json", "verdict.json");

        Assert.Equal(1, result.ExitCode);
        var explanation = mpg.Json("verdict.json").GetProperty("explanations").EnumerateArray().Single();
        Assert.Equal("goodness", explanation.GetProperty("node").GetString());
        Assert.Equal(20, explanation.GetProperty("broken").GetInt32());
        Assert.Equal(5, explanation.GetProperty("fixed").GetInt32());
        var shifts = explanation.GetProperty("shifts").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], shifts.Select(x => x.GetProperty("cluster").GetString()));
        Assert.Equal(-20.0 / 54, shifts[0].GetProperty("delta").GetDouble(), 0.003);
        Assert.Equal(5.0 / 54, shifts[1].GetProperty("delta").GetDouble(), 0.003);
        Assert.Equal([20, 0], shifts.Select(x => x.GetProperty("broken").GetInt32()));
        Assert.True(shifts[0].GetProperty("deltaUpper").GetDouble() < 0);
    }

    [Fact]
    public void WithoutClusters_ABenchmarksShiftIsTheVerdictsOwnDelta()
    {
        Tables(80, 15, "wrong");

        Assert.Equal(1, mpg.Run("gate", "-i", "candidate.csv", "--baseline", "baseline.json", "--json", "verdict.json").ExitCode);

        var verdict = mpg.Json("verdict.json");
        var shift = verdict.GetProperty("explanations")[0].GetProperty("shifts").EnumerateArray().Single();
        var node = verdict.Node("qa");
        Assert.Equal(node.GetProperty("delta").GetDouble(), shift.GetProperty("delta").GetDouble());
        Assert.Equal(node.GetProperty("deltaLower").GetDouble(), shift.GetProperty("deltaLower").GetDouble());
    }
}
