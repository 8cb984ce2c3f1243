namespace Mpg.Gate.MSBuild.Tests;

/// <summary>The task through a fake build engine, running the real CLI (built next to the tests) on the example.</summary>
public sealed class GateTaskOnExample : IDisposable
{
    private readonly Example example = new();
    private readonly FakeBuildEngine engine = new();

    public void Dispose() => example.Dispose();

    private RunMpgGate Task(params string[] evalResults) => new()
    {
        BuildEngine = engine,
        CliPath = Path.Combine(AppContext.BaseDirectory, "mpg.dll"),
        PolicyFile = example.Policy,
        EvalResults = [.. evalResults.Select(f => new Microsoft.Build.Utilities.TaskItem(f))],
        VerdictFile = Path.Combine(example.Directory, "obj", "verdict.json"),
        InputsFile = Path.Combine(example.Directory, "obj", "inputs.txt"),
    };

    [Fact]
    public void Candidate_Passes_AndListsWhatItRead()
    {
        var task = Task();

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(0, task.ExitCode);
        var inputs = File.ReadAllLines(task.InputsFile!);
        Assert.Contains(inputs, f => f.EndsWith(Path.Combine("Qwen__Qwen2.5-3B", "results_2025-03-03T00-58-03.320716.json"), StringComparison.Ordinal) && File.Exists(f));
        Assert.Contains(Path.Combine(example.Directory, "baseline.json"), inputs);
    }

    [Fact]
    public void SmallerModel_IsAnErrorPerFailedRule_AtTheRulesLine()
    {
        var task = Task(example.RegressedRun);

        Assert.False(task.Execute());

        Assert.Equal(1, task.ExitCode);
        Assert.All(engine.Errors, e => Assert.Equal(("MPG1001", example.Policy), (e.Code, e.File)));
        Assert.Equal([example.LineOf("- { node: goodness }"), example.LineOf("- { node: problem-solving")], engine.Errors.Select(e => e.LineNumber).Order());
        Assert.All(engine.Errors, e => Assert.Equal(7, e.ColumnNumber));
    }

    [Fact]
    public void SmallerModel_WithFailOnRegressionOff_IsAWarning()
    {
        var task = Task(example.RegressedRun);
        task.FailOnRegression = false;

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(["MPG1001", "MPG1001"], engine.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void MalformedPolicy_IsItsOwnCode_EvenWithFailOnRegressionOff()
    {
        File.WriteAllText(example.Policy, "version: 1\nsampels: 100\n");
        var task = Task();
        task.FailOnRegression = false;

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MPG2001", example.Policy, 2, 1), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Equal(2, task.ExitCode);
    }

    [Fact]
    public void NoPolicyFound_IsAPolicyError_WithoutRunningTheCli()
    {
        var task = Task();
        task.PolicyFile = string.Empty;

        Assert.False(task.Execute());

        Assert.Equal("MPG2001", Assert.Single(engine.Errors).Code);
        Assert.False(File.Exists(task.VerdictFile));
    }

    [Fact]
    public void MissingCli_IsReportedAsADamagedPackage()
    {
        var task = Task();
        task.CliPath = Path.Combine(example.Directory, "no-such", "mpg.dll");

        Assert.False(task.Execute());

        Assert.Equal("MPG5001", Assert.Single(engine.Errors).Code);
    }
}
