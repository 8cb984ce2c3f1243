using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>Input paths and globs to files.</summary>
public class InputResolverTests
{
    [Fact]
    public void RelativeGlobWithDoubleStar()
    {
        var files = InputResolver.Resolve(["v0.4-same-suite/**/results_*.json"], LmEvalData.Root);
        Assert.Equal(7, files.Count);
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.All(files, f => Assert.True(Path.IsPathRooted(f) && File.Exists(f)));
    }

    [Fact]
    public void DoubleStarMatchesZeroFolders() =>
        Assert.Single(InputResolver.Resolve(["with-samples/asdiv__Meta-Llama-3-8B-Instruct/**/results_*.json"], LmEvalData.Root));

    [Fact]
    public void QuestionMarkAndStarInFolderNames() =>
        Assert.Equal(2, InputResolver.Resolve(["v0.4-same-suite/google__gemma-?-2b/*.json"], LmEvalData.Root).Count);

    [Fact]
    public void OverlappingPatternsAreDeduplicated()
    {
        var files = InputResolver.Resolve(["with-samples/*/*", LmEvalData.Dir("with-samples"), "with-samples/**/samples_*.jsonl"], LmEvalData.Root);
        Assert.Equal(6, files.Count);
    }

    [Fact]
    public void DirectoryGivesResultsSamplesAndJson()
    {
        Assert.Equal(3, InputResolver.Resolve(["v0.3-legacy"], LmEvalData.Root).Count);
        Assert.Equal(6, InputResolver.Resolve(["with-samples"], LmEvalData.Root).Count);
    }

    [Fact]
    public void PlainPathThatDoesNotExist()
    {
        var ex = Assert.Throws<InputException>(() => InputResolver.Resolve(["nope/results.json"], LmEvalData.Root));
        Assert.Equal("nope/results.json", ex.File);
        Assert.Equal("file not found", ex.Message);
    }

    [Fact]
    public void GlobMatchingNothing()
    {
        var ex = Assert.Throws<InputException>(() => InputResolver.Resolve(["**/*.parquet"], LmEvalData.Root));
        Assert.Equal("**/*.parquet", ex.File);
        Assert.StartsWith("no file matches", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.json", "results_1.json", true)]
    [InlineData("results_*.json", "results_.json", true)]
    [InlineData("results_*.json", "samples_a.jsonl", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*a*b*", "xxaYYbzz", true)]
    [InlineData("*a*b", "xxaYYbzz", false)]
    [InlineData("*", "", true)]
    public void SegmentMatching(string pattern, string name, bool matches) =>
        Assert.Equal(matches, Glob.Segment(pattern, name));
}
