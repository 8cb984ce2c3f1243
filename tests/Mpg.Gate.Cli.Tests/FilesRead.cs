namespace Mpg.Gate.Cli.Tests;

/// <summary><c>mpg gate --files-read</c> lists what the gate read (the MSBuild task's incremental inputs), run after run.</summary>
public sealed class FilesRead : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void ScoredCandidate_ListsItsEvalOutputsThenTheBaseline_OnEveryRun()
    {
        var candidate = Directory.CreateDirectory(mpg.PathOf("candidate")).FullName;
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Mpg.SameSuite("Qwen__Qwen2.5-3B"))!))
        {
            File.Copy(file, Path.Combine(candidate, Path.GetFileName(file)));
        }

        var policy = Mpg.Data("cli", "suite.yml");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"), "-o", "baseline.json").ExitCode);

        foreach (var run in new[] { "first", "next" })
        {
            var result = mpg.Run("gate", "-p", policy, "-i", "candidate/", "--baseline", "baseline.json", "--files-read", "obj/read.txt");

            Assert.True(result.ExitCode is 0 or 1, $"{run}: {result.Stderr}");
            var expected = Directory.GetFiles(candidate, "results_*.json").Order(StringComparer.Ordinal).Append(mpg.PathOf("baseline.json"));
            Assert.Equal(expected, File.ReadAllLines(mpg.PathOf("obj/read.txt")));
        }
    }

    [Fact]
    public void CandidateScorecard_IsListedInsteadOfEvalOutputs()
    {
        var policy = Mpg.Data("cli", "suite.yml");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"), "-o", "baseline.json").ExitCode);
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "-o", "run-42.json").ExitCode);

        mpg.Run("gate", "-p", policy, "--candidate", "run-42.json", "--baseline", "baseline.json", "--files-read", "read.txt");

        Assert.Equal([mpg.PathOf("run-42.json"), mpg.PathOf("baseline.json")], File.ReadAllLines(mpg.PathOf("read.txt")));
    }
}
