namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// A samples file whose second line runs on for 2 GiB (a sparse file: made in no time, no disk used) ends in exit 3 naming
/// the file; the reader stops at 256 MiB of one line instead of holding it all.
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
}
