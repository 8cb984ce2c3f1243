using System.Text.Json;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Items answered several times keep counting items, and the scorecard leaf says how they repeat: <c>k</c>, the
/// <c>flaky</c> items (answers disagree), <c>passAll</c> (pass^k) and <c>passAny</c> (pass@k). Expected values are
/// counted by hand from the logs (tests/data/SOURCES.md lists each item's answers).
/// </summary>
public sealed class RepeatsInScorecard : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private JsonElement Leaf(string folder, string benchmark)
    {
        var result = mpg.Run("score", "-i", folder, "--json", "card.json");
        Assert.Equal(0, result.ExitCode);
        return mpg.Json("card.json").Node(benchmark);
    }

    private static (int K, int Flaky, double PassAll, double PassAny) Repeats(JsonElement leaf)
    {
        var r = leaf.GetProperty("repeats");
        return (r.GetProperty("k").GetInt32(), r.GetProperty("flaky").GetInt32(), r.GetProperty("passAll").GetDouble(), r.GetProperty("passAny").GetDouble());
    }

    [Fact]
    public void InspectFiveEpochs_ClaudeSonnet4_OneFlakyItem()
    {
        // ids 1-10: I,C,I,C,(C,C,I,I,C),C,I,C,C,C: six always right, id 5 flaky, three always wrong.
        mpg.CopyIn("run-42", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");

        var leaf = Leaf("run-42", "popularity");

        Assert.Equal(10, leaf.GetProperty("n").GetInt32());
        Assert.Equal((5, 1, 0.6, 0.7), Repeats(leaf));
    }

    [Fact]
    public void InspectFiveEpochs_Gpt5_EveryEpochAlike()
    {
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "openai__gpt-5__epochs5");

        Assert.Equal((5, 0, 0.6, 0.6), Repeats(Leaf("candidate", "popularity")));
    }

    [Fact]
    public void InspectTwoEpochs_OlderSchema_FirstItemFlaky()
    {
        // id 1: I then C; id 2: C, C.
        mpg.CopyIn("run-7", "inspect", "popularity-epochs", "azureai__Meta-Llama-3-1-405B-Instruct-jqf__epochs2");

        var leaf = Leaf("run-7", "popularity");

        Assert.Equal(2, leaf.GetProperty("n").GetInt32());
        Assert.Equal((2, 1, 0.5, 1.0), Repeats(leaf));
    }

    [Fact]
    public void JsonlRepeatedItems_CountedByHand()
    {
        // a: 1,1,1 (always) · b: 1,0,1 (flaky) · c: 0,0,0 (never) · d: 0,1 (flaky, two answers) → k 3, 2 flaky, pass^k 1/4, pass@k 3/4.
        Directory.CreateDirectory(mpg.PathOf("run-3"));
        var lines = new[] { ("a", 1), ("b", 1), ("c", 0), ("d", 0), ("a", 1), ("b", 0), ("c", 0), ("d", 1), ("a", 1), ("b", 1), ("c", 0) }
            .Select(x => $"{{\"model\": \"m\", \"benchmark\": \"qa\", \"item\": \"{x.Item1}\", \"score\": {x.Item2}}}");
        File.WriteAllLines(mpg.PathOf("run-3/answers.jsonl"), lines);

        var leaf = Leaf("run-3", "qa");

        Assert.Equal(4, leaf.GetProperty("n").GetInt32());
        Assert.Equal((3, 2, 0.25, 0.75), Repeats(leaf));
        Assert.Equal(1 + (2 / 3.0) + 0 + 0.5, leaf.GetProperty("successes").GetDouble(), 12);
    }

    [Fact]
    public void ExplainFlaky_ListsTheItemsWhoseRepeatsDisagree_CountedByHand()
    {
        // As above: b (1,0,1) and d (0,1) disagree; a and c do not.
        Directory.CreateDirectory(mpg.PathOf("run-3"));
        var lines = new[] { ("a", 1), ("b", 1), ("c", 0), ("d", 0), ("a", 1), ("b", 0), ("c", 0), ("d", 1), ("a", 1), ("b", 1), ("c", 0) }
            .Select(x => $"{{\"model\": \"m\", \"benchmark\": \"qa\", \"item\": \"{x.Item1}\", \"score\": {x.Item2}, \"input\": \"question {x.Item1}\"}}");
        File.WriteAllLines(mpg.PathOf("run-3/answers.jsonl"), lines);

        var result = mpg.Run("explain", "-i", "run-3", "--flaky", "--format", "jsonl");

        Assert.Equal(0, result.ExitCode);
        var flaky = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["b", "d"], flaky.Select(f => f.GetProperty("item").GetString()));
        Assert.Equal([3, 2], flaky.Select(f => f.GetProperty("repeats").GetInt32()));
        Assert.Equal([2 / 3.0, 0.5], flaky.Select(f => f.GetProperty("score").GetDouble()));
        Assert.Equal("question b", flaky[0].GetProperty("input").GetString());
    }

    [Fact]
    public void ExplainFlaky_OnTheRealFiveEpochLog_IsItsOneFlakyItem()
    {
        mpg.CopyIn("run-42", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");

        var result = mpg.Run("explain", "-i", "run-42", "--flaky");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("1 flaky item (repeats disagree)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("popularity #5: 5 repeats, scores 0–1, mean 0.6", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvWithoutRepeats_HasNoRepeats()
    {
        Directory.CreateDirectory(mpg.PathOf("run-4"));
        File.WriteAllText(mpg.PathOf("run-4/answers.csv"), "model,benchmark,item,score\nm,qa,a,1\nm,qa,b,0\n");

        Assert.False(Leaf("run-4", "qa").TryGetProperty("repeats", out _));
    }

    [Fact]
    public void PairingWithRepeats_PairsItemsNotItemTimesRepeat()
    {
        mpg.CopyIn("baseline-run", "inspect", "popularity-epochs", "anthropic__claude-sonnet-4-20250514__epochs5");
        mpg.CopyIn("candidate", "inspect", "popularity-epochs", "openai__gpt-5__epochs5");
        Assert.Equal(0, mpg.Run("score", "-i", "baseline-run", "-o", "baseline.json").ExitCode);

        Assert.Equal(0, mpg.Run("gate", "-i", "candidate", "--baseline", "baseline.json", "--json", "verdict.json").ExitCode);

        var leaf = mpg.Json("verdict.json").Node("popularity");
        Assert.Equal(10, leaf.GetProperty("matchedItems").GetInt32());
        Assert.Equal(1, leaf.GetProperty("broken").GetInt32());
        Assert.Equal(0, leaf.GetProperty("repeats").GetProperty("flaky").GetInt32());
    }
}
