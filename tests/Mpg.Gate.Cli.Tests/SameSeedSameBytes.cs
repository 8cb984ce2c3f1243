namespace Mpg.Gate.Cli.Tests;

/// <summary>Same inputs and seed: byte-identical scorecards and verdicts, the creation time fixed by SOURCE_DATE_EPOCH.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SameSeedSameBytes : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", null);
        mpg.Dispose();
    }

    [Fact]
    public void ScorecardAndVerdict_AreByteIdentical()
    {
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1700000000");
        var policy = Mpg.Data("cli", "suite.yml");
        var qwen = Mpg.SameSuite("Qwen__Qwen2.5-3B");
        var llama = Mpg.SameSuite("meta-llama__Llama-3.2-3B");

        foreach (var name in new[] { "a", "b" })
        {
            Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", llama, "-o", "base.json").ExitCode);
            Assert.Equal(0, mpg.Run("gate", "-p", policy, "-i", qwen, "--baseline", "base.json", "--json", "verdict.json").ExitCode);
            File.Move(mpg.PathOf("base.json"), mpg.PathOf($"base-{name}.json"));
            File.Move(mpg.PathOf("verdict.json"), mpg.PathOf($"verdict-{name}.json"));
        }

        Assert.Equal(File.ReadAllBytes(mpg.PathOf("base-a.json")), File.ReadAllBytes(mpg.PathOf("base-b.json")));
        Assert.Equal(File.ReadAllBytes(mpg.PathOf("verdict-a.json")), File.ReadAllBytes(mpg.PathOf("verdict-b.json")));
        Assert.Equal("2023-11-14T22:13:20Z", mpg.Json("base-a.json").GetProperty("createdAt").GetString());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
