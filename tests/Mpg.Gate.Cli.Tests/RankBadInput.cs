namespace Mpg.Gate.Cli.Tests;

/// <summary><c>mpg rank</c> on what a user gets wrong: one line naming the file (and line), the documented exit code, no stack trace.</summary>
public sealed class RankBadInput : IDisposable
{
    private readonly Mpg mpg = new();

    public RankBadInput() => Mpg.CopyDirectory(ExampleAndInit.Example("leaderboard"), mpg.PathOf("run-42"));

    public void Dispose() => mpg.Dispose();

    private Mpg.Result Rank(params string[] extra) => mpg.Run(["rank", "-p", "run-42/mpg.yml", .. extra]);

    [Fact]
    public void ReferenceWithoutScoreColumn_IsAnInputErrorAtLine1()
    {
        File.WriteAllText(mpg.PathOf("ref.csv"), "model,elo\ngpt-4-0613,1200\n");

        var result = Rank("--reference", "ref.csv");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ref.csv(1): error MPG3001: expected the columns model, score in the header, got: model, elo", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void ReferenceScoreNotANumber_NamesTheLine()
    {
        File.WriteAllText(mpg.PathOf("ref.csv"), "model,score\ngpt-4-0613,0.9\nkoala-13b,n/a\n");

        var result = Rank("--reference", "ref.csv");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ref.csv(3): error MPG3001: score of \"koala-13b\" is not a number: \"n/a\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceNotUtf8_IsAnInputErrorNamingTheFile()
    {
        // Latin-1 "é" (0xE9) in a model name: read as the table reader reads CSV, strictly, instead of as a replacement character.
        File.WriteAllBytes(mpg.PathOf("ref.csv"), [.. "model,score\ngpt-4-0613,0.9\ncaf"u8, 0xE9, .. ",0.4\n"u8]);

        var result = Rank("--reference", "ref.csv");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ref.csv: error MPG3001: not UTF-8 text", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Fact]
    public void ReferenceWithBomCrlfAndQuotes_ReadsAsThePlainFile()
    {
        // The bundled reference rewritten as a spreadsheet exports it: a BOM, CRLF, every field quoted, and one more
        // model whose name holds a comma and a doubled quote.
        var plain = File.ReadAllLines(mpg.PathOf("run-42/arena.csv"));
        var quoted = plain.Select(l => string.Join(',', l.Split(',').Select(f => $"\"{f}\""))).Append("\"a, \"\"quoted\"\" model\",0.5");
        File.WriteAllText(mpg.PathOf("exported.csv"), "\uFEFF" + string.Join("\r\n", quoted) + "\r\n", new System.Text.UTF8Encoding(false));

        Assert.Equal(0, Rank("--reference", "run-42/arena.csv", "--json", "plain.json").ExitCode);
        Assert.Equal(0, Rank("--reference", "exported.csv", "--json", "exported.json").ExitCode);

        var before = mpg.Json("plain.json");
        var after = mpg.Json("exported.json");
        Assert.Equal(15, after.GetProperty("reference").GetProperty("matched").GetInt32());
        Assert.Equal(before.GetProperty("correlations").GetRawText(), after.GetProperty("correlations").GetRawText());
        Assert.Contains("a, \"quoted\" model", after.GetProperty("reference").GetProperty("notInInputs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void FewerThanFiveInCommon_IsAnInputErrorListingWhatIsThere()
    {
        File.WriteAllText(mpg.PathOf("ref.csv"), "model,score\ngpt-4-0613,0.9\nkoala-13b,0.4\nsomeone-else,0.5\n");

        var result = Rank("--reference", "ref.csv");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ref.csv: error MPG3001: only 2 of the ranked models are in the reference (at least 5 are needed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("someone-else", result.Stderr, StringComparison.Ordinal);
        Assert.EndsWith(". Map names with --reference-map (columns model, reference)", result.Stderr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoModelWithEveryBenchmark_SaysEachLacks_AndTheOptionThatRanksThemAnyway()
    {
        File.WriteAllText(mpg.PathOf("scores.csv"), "model,benchmark,n,accuracy\nalpha,mmlu,100,0.6\nbeta,gsm8k,100,0.5\n");
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\nname: halves\ninputs: [scores.csv]\ngoodness:\n  - { benchmark: mmlu }\n  - { benchmark: gsm8k }\n");

        var result = mpg.Run("rank");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("scores.csv: error MPG3001: no model has the benchmarks of the tree (alpha lacks gsm8k; beta lacks mmlu); rank with --missing renormalise to use what each has", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
        Assert.Equal(0, mpg.Run("rank", "--missing", "renormalise").ExitCode);
    }

    [Fact]
    public void MissingReferenceFile_IsAnInputError()
    {
        var result = Rank("--reference", "nowhere.csv");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nowhere.csv: error MPG3001: file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceMap_RenamesModelsBeforeMatching()
    {
        File.WriteAllText(mpg.PathOf("ref.csv"), "model,score\nGPT-4 (June),0.92\nkoala,0.39\nvicuna-7b,0.50\nllama-2-7b-chat,0.55\ndolly-v2-12b,0.0\n");
        File.WriteAllText(mpg.PathOf("map.csv"), "model,reference\ngpt-4-0613,GPT-4 (June)\nkoala-13b,koala\nvicuna-7b-v1.5,vicuna-7b\n");

        var result = Rank("--reference", "ref.csv", "--reference-map", "map.csv", "--json", "rank.json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(5, mpg.Json("rank.json").GetProperty("reference").GetProperty("matched").GetInt32());
    }

    [Fact]
    public void UnknownByNode_IsAUsageErrorWithDidYouMean()
    {
        var result = Rank("--by", "gsm8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--by gsm8: no such node in the tree", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'gsm8k'?", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotOfAnotherImageType_IsAUsageError()
    {
        Assert.Equal(2, Rank("--plot", "front.jpg").ExitCode);
    }

    [Fact]
    public void PlotWithoutFastness_IsAUsageErrorNotAnEmptyImage()
    {
        var result = Rank("--plot", "front.svg");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no ranked model's inputs give Fastness (qps)", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(mpg.PathOf("front.svg")));
    }

    [Fact]
    public void FitWeightsWithoutReference_IsAUsageError()
    {
        var result = Rank("--fit-weights");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--fit-weights needs --reference", result.Stderr, StringComparison.Ordinal);
    }
}
