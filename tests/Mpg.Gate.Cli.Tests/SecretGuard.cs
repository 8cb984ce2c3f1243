namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// The suite-wide leak check in <see cref="Mpg.RunWith"/> can fail: a run that prints a value the environment gave as a
/// token (here: the token passed back in as a model name, which the error message quotes) is caught.
/// </summary>
public sealed class SecretGuard : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void ASecretInTheOutput_FailsTheRunsCheck()
    {
        const string token = "ghp_never-print-me-0123456789";
        File.WriteAllText(mpg.PathOf("scores.csv"), "model,benchmark,n,successes\nm,qa,100,80\n");
        mpg.Environment["GITHUB_TOKEN"] = token;

        var caught = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => mpg.Run("score", "-i", "scores.csv", "--model", token));

        Assert.Contains("a secret given in the environment came out in stderr", caught.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, caught.Message, StringComparison.Ordinal);
    }
}
