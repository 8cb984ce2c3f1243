namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>
/// Every consumer build runs with the secret variables set (<see cref="ConsumerProject.Secrets"/>) and is checked for
/// them: console, detailed log, binary log, files written. Here: that check can fail, and where the line between ours and
/// MSBuild's runs.
/// </summary>
// Slow: real dotnet builds of a consumer project.
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class SecretsInBuildLogs(PackagesFixture packages)
{
    [Fact]
    public void ATargetThatEchoesTheToken_FailsTheBuildsCheck()
    {
        using var consumer = new ConsumerProject(packages, """<Target Name="EchoToken" AfterTargets="MpgGate"><Message Importance="high" Text="token: $(GITHUB_TOKEN)" /></Target>""");

        var caught = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => consumer.Build());

        Assert.Contains("a secret given in the environment (GITHUB_TOKEN) came out in the console output", caught.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsumerProject.Secrets["GITHUB_TOKEN"], caught.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADiagnosticLogOfTheBuildItself_HoldsNoSecretEither()
    {
        using var consumer = new ConsumerProject(packages);
        var direct = Path.Combine(consumer.LogDirectory, "direct.diag.log");

        // Build checks the console, the detailed log, the binary log replayed whole and the files written.
        var build = consumer.Build("-flp2:logfile=" + direct + ";verbosity=diagnostic");

        Assert.Equal(0, build.ExitCode);
        Assert.Equal(1, consumer.TaskRunsChecked);
        // MSBuild lists the environment at the start of a diagnostic log, but only the variables it deems its own unless
        // MSBUILDLOGALLENVIRONMENTVARIABLES=1 asks for all (then the secrets are there: MSBuild's doing, not the task's).
        var diagnostic = File.ReadAllText(direct);
        Assert.Contains("Environment at start of build", diagnostic, StringComparison.Ordinal);
        Assert.All(ConsumerProject.Secrets.Values, secret => Assert.DoesNotContain(secret, diagnostic, StringComparison.Ordinal));
    }
}
