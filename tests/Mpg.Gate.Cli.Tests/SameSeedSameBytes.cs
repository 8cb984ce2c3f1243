namespace Mpg.Gate.Cli.Tests;

/// <summary>Same inputs and seed: byte-identical scorecards and verdicts, the creation time fixed by SOURCE_DATE_EPOCH.</summary>
public sealed class SameSeedSameBytes : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public void ScorecardAndVerdict_AreByteIdentical()
    {
        mpg.Environment["SOURCE_DATE_EPOCH"] = "1700000000";
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

    [Fact]
    public void WithoutSourceDateEpoch_TheHostClockStampsTheScorecard()
    {
        mpg.Now = new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(0, mpg.Run("score", "-p", Mpg.Data("cli", "suite.yml"), "-i", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "-o", "card.json").ExitCode);

        Assert.Equal("2026-12-03T05:30:00Z", mpg.Json("card.json").GetProperty("createdAt").GetString());
    }
}
