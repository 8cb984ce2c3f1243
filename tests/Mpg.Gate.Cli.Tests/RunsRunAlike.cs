using System.Text.Json.Nodes;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Before comparing, the gate lists what the two runs did not do alike (<c>differences[]</c>): a setup difference
/// (n-shot, prompt, model) is shown; a measurement difference (repeats, dataset, items, scorer, task version, or
/// what <c>gate.fixed</c> names) fails closed with exit 3 naming both files and values.
/// </summary>
public sealed class RunsRunAlike : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <summary>Rewrites a copied lm-eval results file (the test's crafted variant of a real one).</summary>
    private static void Edit(string resultsFile, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(resultsFile))!;
        change(root);
        File.WriteAllText(resultsFile, root.ToJsonString());
    }

    private static string Results(string folder) => Directory.GetFiles(folder, "results_*.json").Single();

    private Mpg.Result Gate(string policy, string baselineFolder, string candidateFolder)
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), policy);
        Assert.Equal(0, mpg.Run("score", "-i", baselineFolder, "-o", "baseline.json").ExitCode);
        return mpg.Run("gate", "-i", candidateFolder, "--baseline", "baseline.json", "--json", "verdict.json", "--report-md", "mpg.md");
    }

    private List<(string? Benchmark, string Setting, string Baseline, string Candidate, string Kind)> Differences() =>
        mpg.Json("verdict.json").GetProperty("differences").EnumerateArray()
            .Select(d => (d.TryGetProperty("benchmark", out var b) ? b.GetString() : null, d.GetProperty("setting").GetString()!, d.GetProperty("baseline").GetString()!, d.GetProperty("candidate").GetString()!, d.GetProperty("kind").GetString()!))
            .ToList();

    private const string NegotiationPolicy = "version: 1\nname: tom\ngoodness:\n  - { benchmark: negotiationtom }\ngate:\n  inconclusive: pass\n";

    [Fact]
    public void NegotiationTomReruns_FewShotDocToTextDiffersOnlyInAFunctionAddress_NoPromptDifference()
    {
        // The two real runs' configs differ in fewshot_config.doc_to_text only: "<function doc_to_text at 0x7d5febf3e8e0>"
        // against "… at 0x78e4acb028e0>", the address of the same Python function in two processes. Not a prompt change.
        mpg.CopyIn("run-41", "lm-eval", "with-samples", "negotiationtom__Qwen3-8B");
        mpg.CopyIn("run-42", "lm-eval", "reruns", "negotiationtom__Qwen3-8B__run-18-15-33");

        var result = Gate(NegotiationPolicy, "run-41", "run-42");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Differences());
    }

    [Fact]
    public void NegotiationTom_ChangedDocToText_ListsAPromptDifference()
    {
        mpg.CopyIn("run-41", "lm-eval", "with-samples", "negotiationtom__Qwen3-8B");
        mpg.CopyIn("run-42", "lm-eval", "reruns", "negotiationtom__Qwen3-8B__run-18-15-33");
        Edit(Results(mpg.PathOf("run-42")), root => root["configs"]!["negotiationtom_belief"]!["doc_to_text"] = "def doc_to_text(doc):\n    return 'Answer briefly. ' + doc[\"prompt\"]\n");

        var result = Gate(NegotiationPolicy, "run-41", "run-42");

        Assert.Equal(0, result.ExitCode);
        var prompt = Assert.Single(Differences(), d => d.Setting == "prompt");
        Assert.Equal(("negotiationtom", "setup"), (prompt.Benchmark, prompt.Kind));
        Assert.Contains("Answer briefly", prompt.Candidate, StringComparison.Ordinal);
        Assert.Contains("What differs between the runs", File.ReadAllText(mpg.PathOf("mpg.md")), StringComparison.Ordinal);
    }

    private const string ArcPolicy = "version: 1\nname: arc\ngoodness:\n  - { benchmark: arc_challenge, metric: acc }\ngate:\n  inconclusive: pass\n";

    /// <summary>The real Llama-3.2-3B results (0-shot) and a copy crafted to say 25-shot (n-shot and the task config).</summary>
    private void ArcAtZeroAndTwentyFiveShots()
    {
        mpg.CopyIn("run-0shot", "lm-eval", "v0.4-same-suite", "meta-llama__Llama-3.2-3B");
        mpg.CopyIn("run-25shot", "lm-eval", "v0.4-same-suite", "meta-llama__Llama-3.2-3B");
        Edit(Results(mpg.PathOf("run-25shot")), root =>
        {
            root["n-shot"]!["arc_challenge"] = 25;
            root["configs"]!["arc_challenge"]!["num_fewshot"] = 25;
        });
    }

    [Fact]
    public void ArcChallenge_ZeroAgainstTwentyFiveShots_ListsNumFewshot()
    {
        ArcAtZeroAndTwentyFiveShots();

        var result = Gate(ArcPolicy, "run-0shot", "run-25shot");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(("arc_challenge", "num_fewshot", "0", "25", "setup"), Differences());
        Assert.Contains("differs (setup): arc_challenge num_fewshot 0 → 25", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ArcChallenge_NumFewshotFixed_FailsClosedNamingBothFilesAndValues()
    {
        ArcAtZeroAndTwentyFiveShots();

        var result = Gate(ArcPolicy + "  fixed: [num_fewshot]\n", "run-0shot", "run-25shot");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error MPG3001: benchmark 'arc_challenge' was not run alike", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("num_fewshot is '0' in the baseline (run-0shot/results_", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("and '25' in the candidate (run-25shot/results_", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    private const string PopularityPolicy = "version: 1\nname: popularity\ngoodness:\n  - { benchmark: popularity }\n";

    [Fact]
    public void InspectFiveEpochsAgainstTwo_RepeatsDiffer_FailsClosed_OrWarnsWhenThePolicySaysSo()
    {
        mpg.CopyIn("baseline-run", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "azureai__Meta-Llama-3-1-405B-Instruct-jqf__epochs2");

        var failed = Gate(PopularityPolicy, "baseline-run", "candidate");

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("repeats is '5' in the baseline", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("'2' in the candidate", failed.Stderr, StringComparison.Ordinal);

        var warned = Gate(PopularityPolicy + "gate:\n  comparability: warn\n", "baseline-run", "candidate");

        Assert.NotEqual(3, warned.ExitCode);
        Assert.Contains(("popularity", "repeats", "5", "2", "measurement"), Differences().Select(d => (d.Benchmark, d.Setting, d.Baseline, d.Candidate, d.Kind)));
        Assert.Contains(Differences(), d => d.Setting == "model" && d.Kind == "setup");
    }

    /// <summary>The real two-provider promptfoo export, one provider the baseline and the other, optionally edited, the candidate.</summary>
    private Mpg.Result PromptfooGate(Action<JsonNode>? edit, string policy = "version: 1\nname: pf\n")
    {
        File.Copy(Mpg.Data("promptfoo", "tthatcher95_nicheIQ", "results.json"), mpg.PathOf("baseline-run.json"));
        File.Copy(Mpg.Data("promptfoo", "tthatcher95_nicheIQ", "results.json"), mpg.PathOf("candidate.json"));
        if (edit is not null)
        {
            Edit(mpg.PathOf("candidate.json"), root =>
            {
                foreach (var result in root["results"]!["results"]!.AsArray().Where(r => r!["prompt"]!["raw"]!.GetValue<string>() == "pain_v2"))
                {
                    edit(result!);
                }
            });
        }

        File.WriteAllText(mpg.PathOf("mpg.yml"), policy);
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run.json", "--model", "gpt-4o-mini", "-o", "baseline.json").ExitCode);
        return mpg.Run("gate", "-i", "candidate.json", "--model", "gpt-4o", "--baseline", "baseline.json", "--json", "verdict.json");
    }

    [Fact]
    public void PromptfooTwoProvidersOfOneExport_DifferOnlyInTheModel()
    {
        var result = PromptfooGate(null);

        Assert.Equal(0, result.ExitCode);
        var differences = mpg.Json("verdict.json").GetProperty("differences").EnumerateArray().ToList();
        Assert.Equal(["model"], differences.Select(d => d.GetProperty("setting").GetString()));
    }

    [Fact]
    public void PromptfooChangedPrompt_ListsAPromptDifferenceOfThatBenchmark()
    {
        var result = PromptfooGate(r => r["prompt"]!["raw"] = "pain_v3");

        Assert.Equal(0, result.ExitCode);
        var prompt = mpg.Json("verdict.json").GetProperty("differences").EnumerateArray().Single(d => d.GetProperty("setting").GetString() == "prompt");
        Assert.Equal("Pain Scorer v2 (dollar-band rubric)", prompt.GetProperty("benchmark").GetString());
        Assert.Equal(("pain_v2", "pain_v3", "setup"), (prompt.GetProperty("baseline").GetString(), prompt.GetProperty("candidate").GetString(), prompt.GetProperty("kind").GetString()));
    }

    [Fact]
    public void PromptfooChangedAssertion_IsAScorerDifference_FailsClosed_OrWarns()
    {
        static void Loosen(JsonNode r) => r["testCase"]!["assert"]![0]!["value"] = "^\\d{1,2}$";

        var failed = PromptfooGate(Loosen);

        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("benchmark 'Pain Scorer v2 (dollar-band rubric)' was not run alike: scorer is '4 assertion set(s), sha256 ", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("(baseline-run.json)", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("(candidate.json)", failed.Stderr, StringComparison.Ordinal);

        var warned = PromptfooGateAgain(Loosen, "version: 1\nname: pf\ngate:\n  comparability: warn\n");
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains(mpg.Json("verdict.json").GetProperty("differences").EnumerateArray(), d => d.GetProperty("setting").GetString() == "scorer" && d.GetProperty("kind").GetString() == "measurement");
    }

    private Mpg.Result PromptfooGateAgain(Action<JsonNode> edit, string policy)
    {
        File.Delete(mpg.PathOf("baseline-run.json"));
        File.Delete(mpg.PathOf("candidate.json"));
        return PromptfooGate(edit, policy);
    }
}
