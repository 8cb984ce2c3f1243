namespace Mpg.Gate.Cli.Tests;

/// <summary>A symbolic link looping back to a parent folder: the walk ends, and each file is read once, not once per path.</summary>
public sealed class LinkedFolders : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Theory]
    [InlineData("run")]
    [InlineData("run/**/*.csv")]
    public void ASymlinkLoop_IsWalkedOnceAndEachFileReadOnce(string input)
    {
        Directory.CreateDirectory(mpg.PathOf("run/a"));
        File.Copy(Mpg.Data("fuzz", "items.csv"), mpg.PathOf("run/a/items.csv"));
        Directory.CreateSymbolicLink(mpg.PathOf("run/a/loop"), "..");

        var result = mpg.Run("score", "-i", input, "--json", "card.json");

        Assert.Equal(0, result.ExitCode);
        var leaf = mpg.Json("card.json").Node("qa");
        Assert.Equal(12, leaf.GetProperty("n").GetInt32());
        Assert.False(leaf.TryGetProperty("repeats", out var repeats) && repeats.ValueKind != System.Text.Json.JsonValueKind.Null, $"the file was read more than once: {repeats}");
    }
}
