namespace Mpg.Gate.Ingest;

/// <summary>A read-only stream that tells a progress sink how many bytes each read returned.</summary>
internal sealed class ProgressStream(Stream inner, IProgress<long>? progress) : ReadOnlyStream(inner)
{
    public override long Length => Inner.Length;

    public override long Position
    {
        get => Inner.Position;
        set => throw new NotSupportedException();
    }

    public static Stream Open(string path, IProgress<long>? progress)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return progress is null ? file : new ProgressStream(file, progress);
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        if (read > 0)
        {
            progress?.Report(read);
        }

        return read;
    }
}
