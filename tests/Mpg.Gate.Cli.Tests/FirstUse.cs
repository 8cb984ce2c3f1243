using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// A new user's first day, on every real eval output folder in tests/data and every format: the folder as CI downloads
/// it (under an artifact name, not the harness's), then <c>mpg init</c> → <c>validate</c> → <c>score -o</c> →
/// <c>gate</c> through the CLI as the README says; then the next run (every file renamed, new timestamps) read by the
/// same policy. (The leaderboard tables are not tool outputs: <see cref="LeaderboardTables"/>.)
/// </summary>
[Trait("Category", Acceptance.Category)]
public sealed partial class FirstUse : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    /// <summary>Folder under tests/data, the artifact name CI gives it, and whether its items have ids to pair on.</summary>
    public static TheoryData<string, string, bool> Folders => new()
    {
        { "lm-eval/with-samples/asdiv__Meta-Llama-3-8B-Instruct", "candidate", true },
        { "lm-eval/with-samples/negotiationtom__Qwen3-8B", "run-42", true },
        { "lm-eval/v0.4-same-suite/google__gemma-2-2b", "baseline", false },
        { "lm-eval/v0.4-same-suite", "run-123", false },
        { "lm-eval/v0.3-legacy/llama-7B", "candidate", false },
        { "inspect", "logs", true },
        { "promptfoo/Kacper-Hernacki_aiDevs3", "candidate", true },
        { "promptfoo/krystianbergmann_prompt-eval-workbench", "run-7", true },
        { "promptfoo/tthatcher95_nicheIQ", "candidate", true },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void InitValidateScoreGate_Passes_AndThePolicyReadsTheNextRun(string folder, string artifact, bool paired)
    {
        Mpg.CopyDirectory(Mpg.Data(folder.Split('/')), mpg.PathOf(artifact));

        Expect(0, "init");
        var policy = File.ReadAllText(mpg.PathOf("mpg.yml"));
        Assert.DoesNotMatch(Timestamp(), policy); // a committed policy must not name this run's files
        Expect(0, "validate");
        Expect(0, "score", "-o", ".mpg/baseline.json");
        Expect(0, "gate", "--json", "verdict.json");
        var verdict = mpg.Json("verdict.json");
        Assert.Equal("pass", verdict.GetProperty("verdict").GetString());
        Assert.Equal(paired, verdict.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "benchmark").All(n => n.GetProperty("paired").GetBoolean()));

        NextRun(mpg.PathOf(artifact));

        Expect(0, "validate");
        Expect(0, "score", "-o", "next.json");
        Assert.Equal(Leaves(mpg.Json(".mpg/baseline.json")), Leaves(mpg.Json("next.json")));
        Assert.All(mpg.Json("next.json").GetProperty("inputs").EnumerateArray(), i => Assert.Matches("203[0-9]-|-next", i.GetString()!));
        Expect(0, "gate", "--json", "verdict.json");
        Assert.Equal("pass", mpg.Json("verdict.json").GetProperty("verdict").GetString());
    }

    /// <summary>The issue's case: a samples file listed on its own takes its model from the results file of its run.</summary>
    [Fact]
    public void SamplesListedAsTheirOwnInput_AreTheSameRunAsTheFolder()
    {
        Mpg.CopyDirectory(Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct"), mpg.PathOf("meta-llama__Meta-Llama-3-8B-Instruct"));
        var folder = mpg.PathOf("meta-llama__Meta-Llama-3-8B-Instruct");
        var results = Path.GetFileName(Directory.GetFiles(folder, "results_*.json").Single());
        var samples = Path.GetFileName(Directory.GetFiles(folder, "samples_*.jsonl").Single());
        File.WriteAllText(mpg.PathOf("mpg.yml"), $"""
            version: 1
            inputs:
              - path: meta-llama__Meta-Llama-3-8B-Instruct/{results}
              - path: meta-llama__Meta-Llama-3-8B-Instruct/{samples}
            """);

        var listed = mpg.Run("score", "-o", "listed.json");
        var whole = mpg.Run("score", "-i", "meta-llama__Meta-Llama-3-8B-Instruct", "-o", "folder.json");

        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal("meta-llama/Meta-Llama-3-8B-Instruct", mpg.Json("listed.json").GetProperty("model").GetString());
        Assert.Equal(mpg.Json("folder.json").GetProperty("nodes").GetRawText(), mpg.Json("listed.json").GetProperty("nodes").GetRawText());
    }

    /// <summary>Samples without their results file are named after their folder, and stderr says so.</summary>
    [Fact]
    public void SamplesWithoutTheirResults_AreNamedAfterTheFolder_AndSaySo()
    {
        var folder = mpg.PathOf("run-9");
        Directory.CreateDirectory(folder);
        var samples = Directory.GetFiles(Mpg.Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct"), "samples_*.jsonl").Single();
        File.Copy(samples, Path.Combine(folder, Path.GetFileName(samples)));

        var result = mpg.Run("score", "-i", "run-9", "-o", "card.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("run-9", mpg.Json("card.json").GetProperty("model").GetString());
        Assert.Contains("named \"run-9\" after its folder", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Two promptfoo providers on the same tests, the most common promptfoo comparison, pair item by item.</summary>
    [Fact]
    public void TwoPromptfooProviders_OnTheSameTests_GatePaired()
    {
        Mpg.CopyDirectory(Mpg.Data("promptfoo", "tthatcher95_nicheIQ"), mpg.PathOf("candidate"));

        Expect(0, "score", "-i", "candidate", "--model", "gpt-4o", "-o", "gpt-4o.json");
        Expect(0, "gate", "-i", "candidate", "--model", "gpt-4o-mini", "--baseline", "gpt-4o.json", "--json", "verdict.json");

        var leaves = mpg.Json("verdict.json").GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "benchmark").ToList();
        Assert.Equal(4, leaves.Count);
        Assert.All(leaves, n => Assert.True(n.GetProperty("paired").GetBoolean()));
        Assert.Equal(15, leaves.Sum(n => n.GetProperty("candidateN").GetInt32()));
    }

    /// <summary>
    /// The same Inspect run as a <c>.json</c> log (the baseline, scored weeks ago) and as an <c>.eval</c> zip (as
    /// <c>inspect log convert</c> lays it out: header.json without samples, one samples/ID_epoch_N.json per sample): the
    /// sample ids pair across the two formats, all of them.
    /// </summary>
    [Fact]
    public void InspectJsonAndEvalOfOneRun_PairOnEverySample()
    {
        var json = Mpg.Data("inspect", "2025-05-12T20-28-26-04-00_security-guide.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        var samples = root["samples"]!.AsArray();
        Directory.CreateDirectory(mpg.PathOf("run-43"));
        using (var zip = System.IO.Compression.ZipFile.Open(mpg.PathOf("run-43/2025-05-12T20-28-26-04-00_security-guide.eval"), System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var sample in samples)
            {
                var entry = zip.CreateEntry($"samples/{sample!["id"]}_epoch_{sample["epoch"]}.json");
                using var writer = new StreamWriter(entry.Open());
                writer.Write(sample.ToJsonString());
            }

            var header = (System.Text.Json.Nodes.JsonObject)root.DeepClone();
            header.Remove("samples");
            using var head = new StreamWriter(zip.CreateEntry("header.json").Open());
            head.Write(header.ToJsonString());
        }

        Directory.CreateDirectory(mpg.PathOf("baseline-run"));
        File.Copy(json, mpg.PathOf("baseline-run/" + Path.GetFileName(json)));

        Expect(0, "score", "-i", "baseline-run", "-o", "baseline.json");
        Expect(0, "gate", "-i", "run-43", "--baseline", "baseline.json", "--json", "verdict.json");

        var node = mpg.Json("verdict.json").Node("goodness");
        Assert.True(node.GetProperty("paired").GetBoolean());
        Assert.Equal(samples.Count, node.GetProperty("matchedItems").GetInt32());
        Assert.Equal(0, node.GetProperty("onlyBaseline").GetInt32() + node.GetProperty("onlyCandidate").GetInt32());
    }

    private void Expect(int code, params string[] args)
    {
        var result = mpg.Run(args);
        Assert.True(result.ExitCode == code, $"mpg {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    private static List<string> Leaves(JsonElement scorecard) =>
        scorecard.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "benchmark")
            .Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The next run of the same evals: the tools stamp new names (timestamps 10 years on, so reruns within the run keep
    /// their order; a name without a timestamp gets "-next").
    /// </summary>
    private static void NextRun(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            var renamed = Timestamp().IsMatch(name)
                ? Timestamp().Replace(name, m => Later(m.Value))
                : Path.GetFileNameWithoutExtension(name) + "-next" + Path.GetExtension(name);
            File.Move(file, Path.Combine(Path.GetDirectoryName(file)!, renamed));
        }
    }

    private static string Later(string timestamp) =>
        (int.Parse(timestamp[..4], System.Globalization.CultureInfo.InvariantCulture) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + timestamp[4..];

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
