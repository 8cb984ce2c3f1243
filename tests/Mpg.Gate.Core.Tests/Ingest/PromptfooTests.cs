using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Real promptfoo outputs of one provider: counts match promptfoo's own <c>stats</c>.</summary>
public class PromptfooTests
{
    public static TheoryData<string> Files => [.. FormatData.PromptfooOneProvider()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Counts_MatchPromptfooStats(string file)
    {
        var stats = FormatData.Json(file).GetProperty("results").GetProperty("stats");
        var successes = stats.GetProperty("successes").GetInt32();
        var total = successes + stats.GetProperty("failures").GetInt32() + (stats.TryGetProperty("errors", out var e) ? e.GetInt32() : 0);

        var run = FormatData.Single(PromptfooReader.Instance, file, new ReadOptions(Benchmark: "faq"));

        var metric = Assert.Single(run.Benchmarks).Metrics[0];
        Assert.Equal("faq", run.Benchmarks[0].Name);
        Assert.Equal((total, (double)successes), (metric.N, metric.Successes));
        Assert.Equal(total, metric.Items!.Select(i => i.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Model_IsTheProviderIdWhenTheLabelIsEmpty(string file)
    {
        var provider = FormatData.Json(file).GetProperty("results").GetProperty("results")[0].GetProperty("provider").GetProperty("id").GetString();
        Assert.Equal(provider, FormatData.Single(PromptfooReader.Instance, file).Model);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Items_CarryLatencyCostAndTokens(string file)
    {
        var first = FormatData.Json(file).GetProperty("results").GetProperty("results")[0];
        var item = FormatData.Single(PromptfooReader.Instance, file).Benchmarks[0].Metrics[0].Items![0];
        Assert.Equal(first.GetProperty("latencyMs").GetDouble(), item.LatencyMs);
        Assert.Equal(first.GetProperty("cost").GetDouble(), item.Cost!.Value, 12);
        Assert.Equal(first.GetProperty("response").GetProperty("tokenUsage").GetProperty("total").GetInt64(), item.Tokens);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ItemIds_AreStableAcrossReads(string file)
    {
        var a = FormatData.Single(PromptfooReader.Instance, file).Benchmarks[0].Metrics[0].Items!.Select(i => i.Id);
        var b = FormatData.Single(PromptfooReader.Instance, file).Benchmarks[0].Metrics[0].Items!.Select(i => i.Id);
        Assert.Equal(a, b);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Detected_ByContent(string file) => Assert.Same(PromptfooReader.Instance, EvalFormats.Detect(file));

    [Fact]
    public void Benchmark_DefaultsToAShortPromptLabelElseTheFileName()
    {
        var files = FormatData.Promptfoo();
        var aiDevs = files.Single(f => f.Contains("aiDevs3", StringComparison.Ordinal));
        var workbench = files.Single(f => f.Contains("workbench", StringComparison.Ordinal));
        Assert.Equal("chat", FormatData.Single(PromptfooReader.Instance, aiDevs).Benchmarks[0].Name);
        Assert.Equal("promptfoo-results", FormatData.Single(PromptfooReader.Instance, workbench).Benchmarks[0].Name); // its label is the whole prompt
    }
}

/// <summary>Crafted promptfoo outputs: errors, several providers, bad input.</summary>
public sealed class PromptfooCraftedTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static string Result(string provider, int test, bool success, double score, int? failureReason = null, string? error = null) =>
        $$"""{"provider": {"id": "{{provider}}", "label": ""}, "promptIdx": 0, "testIdx": {{test}}, "vars": {"q": "{{test}}"}, "success": {{(success ? "true" : "false")}}, "score": {{score}}{{(failureReason is { } r ? $", \"failureReason\": {r}" : "")}}{{(error is null ? "" : $", \"error\": \"{error}\"")}}, "latencyMs": 10}""";

    private string Output(params string[] results) =>
        dir.Write("out.json", """{"evalId": "e", "results": {"version": 3, "results": [""" + string.Join(",", results) + """], "stats": {} } }""");

    [Fact]
    public void Errors_CountAsFailuresUnlessExcluded()
    {
        var file = Output(Result("a", 0, true, 1), Result("a", 1, false, 0, 1, "assert"), Result("a", 2, false, 0, 2, "timeout"));

        var failed = FormatData.Single(PromptfooReader.Instance, file).Benchmarks[0].Metrics[0];
        var excluded = FormatData.Single(PromptfooReader.Instance, file, new ReadOptions(ExcludeErrors: true)).Benchmarks[0].Metrics[0];

        Assert.Equal((3, 1.0), (failed.N, failed.Successes));
        Assert.Equal((2, 1.0), (excluded.N, excluded.Successes));
    }

    [Fact]
    public void WithoutFailureReasonAnUngradedError_IsAnError()
    {
        var file = Output(Result("a", 0, true, 1), Result("a", 1, false, 0, error: "ECONNRESET"));
        var excluded = FormatData.Single(PromptfooReader.Instance, file, new ReadOptions(ExcludeErrors: true)).Benchmarks[0].Metrics[0];
        Assert.Equal(1, excluded.N);
    }

    [Fact]
    public void OneRunPerProvider_AndTheGradedScore()
    {
        var file = Output(Result("a", 0, true, 0.9), Result("b", 0, false, 0.4), Result("a", 1, false, 0.3));

        var runs = PromptfooReader.Instance.Read([file], ReadOptions.Default);

        Assert.Equal(["a", "b"], runs.Select(r => r.Model));
        var score = runs[0].Benchmarks[0].Metrics.Single(m => m.Key == "score");
        Assert.Equal(1.2, score.Successes, 12);
        Assert.Single(PromptfooReader.Instance.Read([file], new ReadOptions(Model: "b")));
    }

    [Theory]
    [InlineData("""{"evalId": "e", "results": {"version": 3}}""", "results.results")]
    [InlineData("""{"evalId": "e", "results": {"version": 3, "results": [{"provider": {"id": "a"}, "success": "yes"}]}}""", "boolean \"success\"")]
    [InlineData("""{"evalId": "e", "results": {"version": 3, "results": [{"success": true}]}}""", "no provider")]
    [InlineData("""{"evalId": "e", "results": {"version": 3, "results": [{"provider": {"id": "a"}, "succ""", "malformed JSON")]
    [InlineData("""{"evalId": "e", "results": 5}""", "no \"results\" object")]
    [InlineData(" ", "empty")]
    public void BadOutput_IsAnInputErrorNamingTheFile(string content, string expected)
    {
        var file = dir.Write("bad.json", content);
        var ex = Assert.Throws<InputException>(() => PromptfooReader.Instance.Read([file], ReadOptions.Default));
        Assert.Equal(file, ex.File);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// A real two-provider promptfoo export (nicheIQ: gpt-4o and gpt-4o-mini on the same tests, prompts numbered 0-3 for
/// one provider and 4-7 for the other): both providers' items have the same ids, so a gate pairs them.
/// </summary>
public class PromptfooTwoProviders
{
    private static readonly string Export = Path.Combine(AppContext.BaseDirectory, "data", "promptfoo", "tthatcher95_nicheIQ", "results.json");

    [Fact]
    public void BothProviders_HaveTheSameItemsPerBenchmark()
    {
        var runs = PromptfooReader.Instance.Read([Export], ReadOptions.Default);

        Assert.Equal(["gpt-4o", "gpt-4o-mini"], runs.Select(r => r.Model));
        foreach (var benchmark in runs[0].Benchmarks)
        {
            var other = runs[1].Find(benchmark.Name);
            Assert.NotNull(other);
            Assert.Equal(benchmark.Metrics[0].Items!.Select(i => i.Id), other.Metrics[0].Items!.Select(i => i.Id));
        }

        Assert.Equal(15, runs[0].Benchmarks.Sum(b => b.Metrics[0].N)); // 15 (prompt, test) cells per provider, as SOURCES.md counts
    }

    [Fact]
    public void ItemIds_NameTheTestNotThePromptIndex()
    {
        var ids = PromptfooReader.Instance.Read([Export], ReadOptions.Default).SelectMany(r => r.Benchmarks).SelectMany(b => b.Metrics[0].Items!).Select(i => i.Id);

        Assert.All(ids, id => Assert.Matches("^t[0-9]+/[0-9a-f]{12}$", id));
    }
}
