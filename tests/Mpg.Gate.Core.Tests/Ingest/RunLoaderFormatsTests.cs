using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Policies whose inputs mix formats: per-input naming, auto-detection, picking a model.</summary>
public sealed class RunLoaderFormatsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private GatePolicy Policy(string inputs)
    {
        var file = dir.Write("mpg.yml", "version: 1\ninputs:\n" + inputs);
        return PolicyLoader.Load(file);
    }

    [Fact]
    public void InspectPromptfooAndCsvInputs_MergeIntoOneRunPerModel()
    {
        File.Copy(FormatData.Inspect("2025-05-12T20-28-26-04-00_security-guide.json"), Path.Combine(dir.Path, "guide.json"));
        File.Copy(FormatData.Promptfoo().Single(f => f.Contains("workbench", StringComparison.Ordinal)), Path.Combine(dir.Path, "pf.json"));
        dir.Write("extra.csv", "benchmark,n,successes\nhandwritten,10,7\n");
        var policy = Policy("""
              - guide.json
              - { path: pf.json, benchmark: regex-answers, model: openai:chat:gpt-4o-mini }
              - { path: extra.csv, model: openai:chat:gpt-4o-mini }
            """);

        var runs = RunLoader.LoadAll(policy, [], dir.Path);

        Assert.Equal(["openai/gpt-4o-mini", "openai:chat:gpt-4o-mini"], runs.Select(r => r.Model));
        Assert.Equal(["regex-answers", "handwritten"], runs[1].Benchmarks.Select(b => b.Name));
        var ex = Assert.Throws<SeveralModelsException>(() => RunLoader.Load(policy, [], dir.Path));
        Assert.Equal(["openai/gpt-4o-mini", "openai:chat:gpt-4o-mini"], ex.Models);
        Assert.Equal("security_guide", RunLoader.Load(policy, [], dir.Path, "openai/gpt-4o-mini").Benchmarks.Single().Name);
    }

    [Fact]
    public void UnknownModel_ListsTheModelsFound()
    {
        dir.Write("a.csv", "model,benchmark,n,successes\nalpha,b,10,7\nbeta,b,10,8\n");
        var ex = Assert.Throws<InputException>(() => RunLoader.Load(Policy("  - a.csv\n"), [], dir.Path, "gamma"));
        Assert.Contains("alpha, beta", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputModel_KeepsOneModelOfAMultiModelFile()
    {
        dir.Write("a.csv", "model,benchmark,n,successes\nalpha,b,10,7\nbeta,b,10,8\n");
        var run = RunLoader.Load(Policy("  - { path: a.csv, model: beta }\n"), [], dir.Path);
        Assert.Equal(8, run.Benchmarks.Single().Metrics.Single().Successes);
    }

    [Fact]
    public void UnknownFile_SaysWhichFormatsWereTried()
    {
        var file = dir.Write("notes.json", """{"hello": "world"}""");
        var ex = Assert.Throws<InputException>(() => RunLoader.Load(Policy("  - notes.json\n"), [], dir.Path));
        Assert.Equal(file, ex.File);
        Assert.Contains("lm-eval, inspect, promptfoo, meai, jsonl, csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedFormat_SkipsDetection()
    {
        dir.Write("rows.txt", "item,score\n1,1\n2,0\n");
        var run = RunLoader.Load(Policy("  - { path: rows.txt, format: csv, benchmark: b, model: m }\n"), [], dir.Path);
        Assert.Equal(("m", 2), (run.Model, run.Benchmarks.Single().Metrics.Single().N));
    }

    [Fact]
    public void SameBenchmarkFromTwoInputs_IsAnInputError()
    {
        dir.Write("a.csv", "model,benchmark,n,successes\nm,b,10,7\n");
        dir.Write("b.csv", "model,benchmark,n,successes\nm,b,10,8\n");
        var ex = Assert.Throws<InputException>(() => RunLoader.Load(Policy("  - a.csv\n  - b.csv\n"), [], dir.Path));
        Assert.Contains("also in", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>A folder given as an input finds other tools' outputs too, not only the harness's file names.</summary>
public sealed class FolderOfOtherOutputs : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EvalJsonlAndCsvFiles_AreFound()
    {
        Directory.CreateDirectory(Path.Combine(dir.Path, "logs"));
        File.Copy(FormatData.Inspect("mmlu-summary-choices.eval"), Path.Combine(dir.Path, "logs", "x.eval"));
        dir.Write("rows.csv", "benchmark,n,successes\nb,3,1\n");
        dir.Write("rows.jsonl", "{\"benchmark\":\"c\",\"n\":3,\"successes\":2}\n");

        var files = InputResolver.Resolve([dir.Path], "/");

        Assert.Equal(["x.eval", "rows.csv", "rows.jsonl"], files.Select(Path.GetFileName));
    }
}
