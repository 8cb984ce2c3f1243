namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// A samples file whose second line runs on for 2 GiB (a sparse file: made in no time, no disk used) ends in exit 3 naming
/// the file; the reader stops at 256 MiB of one line instead of holding it all. So do the CSV and JSONL table readers,
/// run as a real mpg process whose GC heap is capped at 1.25 GiB: holding the line (4 GiB as .NET characters) would run
/// out of memory there (exit 5, an internal error), stopping at 256 MiB of it does not.
/// </summary>
public sealed class EndlessLine : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void ATwoGibibyteLine_IsAnInputErrorNamingTheFile()
    {
        var file = mpg.PathOf("samples_long_2025-01-01T00-00-00.jsonl");
        using (var stream = new FileStream(file, FileMode.CreateNew))
        {
            stream.Write("{\"doc_id\": 0, \"filter\": \"none\", \"acc\": 1}\n{\"doc_id\": 1, \"acc\": 1, \"pad\": \""u8);
            stream.SetLength(stream.Position + (2L << 30)); // the hole reads as zeros, no newline among them
            stream.Seek(0, SeekOrigin.End);
            stream.Write("\"}\n"u8);
        }

        var result = mpg.Run("score", "-i", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("samples_long_2025-01-01T00-00-00.jsonl", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("longer than 256 MiB", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("long.csv", "model,benchmark,item,score\nm,qa,1,1\nm,qa,2,", "1\n", 3)]
    [InlineData("long.jsonl", "{\"model\": \"m\", \"benchmark\": \"qa\", \"item\": \"1\", \"score\": 1}\n{\"pad\": \"", "\"}\n", 2)]
    public async Task ATwoGibibyteTableLine_EndsAtTheLimitInBoundedMemory(string name, string before, string after, int line)
    {
        var file = mpg.PathOf(name);
        using (var stream = new FileStream(file, FileMode.CreateNew))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(before));
            stream.SetLength(stream.Position + (2L << 30));
            stream.Seek(0, SeekOrigin.End);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(after));
        }

        var result = await MpgProcess.RunAsync(mpg.WorkingDirectory, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x50000000" }, null, "score", "-i", file);

        Assert.True(result.ExitCode == 3, result.Stderr);
        Assert.Contains($"{name}({line}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"line {line} is longer than 256 MiB", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.Stderr);
    }
}
