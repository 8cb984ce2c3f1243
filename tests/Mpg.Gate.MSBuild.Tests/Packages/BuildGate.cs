namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>A real <c>dotnet build</c> of a project that references the packed Mpg.Gate.MSBuild.</summary>
// Slow: packs the packages and runs real dotnet builds of a consumer project (minutes).
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class BuildGate(PackagesFixture packages)
{
    [Fact]
    public void PassingEval_Builds_HandsOnTheVerdict_AndASecondBuildSkipsTheGate()
    {
        using var consumer = new ConsumerProject(packages);

        var first = consumer.Build();

        Assert.Equal(0, first.ExitCode);
        Assert.Empty(ConsumerProject.Diagnostics(first));
        Assert.Equal("pass", consumer.RecordedVerdict[0]);
        Assert.Contains("goodness=improvement", consumer.RecordedVerdict);
        var stamped = File.GetLastWriteTimeUtc(consumer.Stamp);

        var second = consumer.Build("-v:n");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Skipping target \"_MpgGateRun\"", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(stamped, File.GetLastWriteTimeUtc(consumer.Stamp));
        Assert.Equal("pass", consumer.RecordedVerdict[0]);

        // A changed eval output is an input of the gate: the third build runs it again.
        File.SetLastWriteTimeUtc(Directory.GetFiles(Path.Combine(consumer.Example.Directory, "runs", "Qwen__Qwen2.5-3B")).Single(), DateTime.UtcNow);
        var third = consumer.Build();

        Assert.Equal(0, third.ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(consumer.Stamp) > stamped);
        Assert.Equal(2, consumer.TaskRunsChecked); // the first and third builds ran the task; every build was checked for secrets
    }

    [Fact]
    public void RegressedEval_FailsTheBuild_WithMpg1001AtTheRulesLine()
    {
        using var consumer = new ConsumerProject(packages, """<ItemGroup><MpgEvalResult Include="../runs/meta-llama__Llama-3.2-1B/*.json" /></ItemGroup>""");

        var build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        var errors = ConsumerProject.Diagnostics(build).Where(d => d.Category == "error").ToList();
        Assert.Equal(["MPG1001"], errors.Select(e => e.Code).Distinct());
        Assert.All(errors, e => Assert.Equal(consumer.Example.Policy, e.File));
        Assert.Equal([consumer.Example.LineOf("- { node: goodness }"), consumer.Example.LineOf("- { node: problem-solving")], errors.Select(e => e.Line).Order());
        Assert.False(File.Exists(consumer.Stamp));
    }

    [Fact]
    public void MalformedPolicy_FailsWithItsOwnCode_AndNoStackTrace()
    {
        using var consumer = new ConsumerProject(packages);
        File.WriteAllText(consumer.Example.Policy, "version: 1\nsampels: 100\n");

        var build = consumer.Build();

        Assert.Equal(1, build.ExitCode);
        var error = Assert.Single(ConsumerProject.Diagnostics(build));
        Assert.Equal(new ConsumerProject.Diagnostic(consumer.Example.Policy, 2, "error", "MPG2001"), error);
        Assert.False(build.HasStackTrace);
    }

    [Fact]
    public void MultiTargetedProject_GatesInTheOuterBuild()
    {
        using var passing = new ConsumerProject(packages, multiTargeting: true);
        using var regressed = new ConsumerProject(packages, """<ItemGroup><MpgEvalResult Include="../runs/meta-llama__Llama-3.2-1B/*.json" /></ItemGroup>""", multiTargeting: true);

        var pass = passing.Build();
        var fail = regressed.Build();

        Assert.Equal(0, pass.ExitCode);
        Assert.Equal("pass", passing.RecordedVerdict[0]);
        Assert.Equal(1, fail.ExitCode);
        Assert.Equal(["MPG1001"], ConsumerProject.Diagnostics(fail).Where(d => d.Category == "error").Select(e => e.Code).Distinct());
    }
}
