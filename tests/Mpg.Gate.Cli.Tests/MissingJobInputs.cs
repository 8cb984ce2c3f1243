using Mpg.Gate.Jobs;

namespace Mpg.Gate.Cli.Tests;

/// <summary>Core says what a job lacks, in the policy's terms; the CLI adds the option that gives it.</summary>
public sealed class MissingJobInputs : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void NoBaseline_Exits2_NamingThePolicyKeyAndTheFlag()
    {
        var result = mpg.Run("gate", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"));

        Assert.Equal(ExitCodes.PolicyError, result.ExitCode);
        Assert.Contains("suite.yml: error MPG2001: no baseline: set 'baseline:' in the policy or pass --baseline FILE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NoInputs_Exits2_NamingThePolicyKeyAndTheFlag()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), "version: 1\n");

        var result = mpg.Run("score", "-p", "mpg.yml");

        Assert.Equal(ExitCodes.PolicyError, result.ExitCode);
        Assert.Contains("error MPG2001: no inputs: add an 'inputs:' list to the policy or give files with -i", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralModels_Exits3_NamingThemAndTheFlag()
    {
        var result = mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"));

        Assert.Equal(ExitCodes.InputError, result.ExitCode);
        Assert.Contains("error MPG3001: the inputs hold 2 models (Qwen/Qwen2.5-3B, meta-llama/Llama-3.2-3B); pick one with --model NAME", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CoreMessages_NameNoFlag()
    {
        Exception[] errors = [new NoBaselineException("mpg.yml"), new NoInputsException("mpg.yml"), new SeveralModelsException("a.csv", ["a", "b"])];

        Assert.All(errors, e => Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("-i", e.Message, StringComparison.Ordinal));
        Assert.Equal("the inputs hold 2 models (a, b)", errors[2].Message);
    }
}
