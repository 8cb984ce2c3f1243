using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Cli;

/// <summary>
/// Writes every file the CLI writes (reports, scorecards, baselines, the policy mpg init writes), creating their folders.
/// Atomically: the text goes to a temporary file beside the target, which then replaces it in one rename, so a run killed
/// mid-write leaves the old file or the new one, never half of one. A file that cannot be written is an input/output
/// error (exit 3).
/// </summary>
internal static class OutputFiles
{
    public static void Write(string? path, string workingDirectory, Func<string> content) =>
        Write(path, workingDirectory, full => Replace(full, content()));

    /// <summary>
    /// As the text overload, for content written straight into the file as it is made (a large scorecard, never held
    /// whole). Its writer runs inside <see cref="Replace(string, Action{Stream})"/>'s catch, which turns only I/O
    /// failures into messages: what a serializer throws is no IOException or ArgumentOutOfRangeException of "value".
    /// </summary>
    public static void Write(string? path, string workingDirectory, Action<Stream> write) =>
        Write(path, workingDirectory, full => Replace(full, write));

    private static void Write(string? path, string workingDirectory, Action<string> replace)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path, workingDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            replace(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a file size limit, a read-only folder: one line naming the file, exit 3.
            throw new InputException(path, $"cannot write this file: {e.Message} (an earlier file of this name is left as it was)");
        }
    }

    /// <summary>The temporary file and rename, for callers that handle their own errors.</summary>
    /// <remarks>
    /// A failing write says why in an IOException (ENOSPC: "No space left on device"), with the temporary file's name
    /// taken out. .NET reports EFBIG (a process file size limit, a file system's largest file) as an
    /// ArgumentOutOfRangeException, from the write or from File.WriteAllText's preallocation; only the file's own writes
    /// (and, for a streamed scorecard, the serializer making them, which raises neither) are inside that catch, so no bug
    /// of ours can hide behind it.
    /// </remarks>
    public static void Replace(string full, string text) =>
        Replace(full, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(text);
        });

    /// <inheritdoc cref="Replace(string, string)"/>
    private static void Replace(string full, Action<Stream> write)
    {
        // Same folder, so the rename never crosses file systems; a name no glob of inputs matches (hidden, .tmp).
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "value")
        {
            throw new IOException("File too large (beyond the file system's or this process's file size limit)", e);
        }
        catch (IOException e) when (e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            throw new IOException(e.Message.Replace($" : '{temporary}'", "", StringComparison.Ordinal).Replace(temporary, full, StringComparison.Ordinal), e);
        }
        finally
        {
            File.Delete(temporary); // nothing left when the write or the move failed (a no-op after the move)
        }
    }
}
