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
    public static void Write(string? path, string workingDirectory, Func<string> content)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path, workingDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            Replace(full, content());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot write the report: {e.Message}");
        }
    }

    /// <summary>The temporary file and rename, for callers that handle their own errors.</summary>
    public static void Replace(string full, string text)
    {
        // Same folder, so the rename never crosses file systems; a name no glob of inputs matches (hidden, .tmp).
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // nothing left when the write or the move failed (a no-op after the move)
        }
    }
}
