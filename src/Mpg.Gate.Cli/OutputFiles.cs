using Mpg.Gate.Ingest;

namespace Mpg.Gate.Cli;

/// <summary>Writes report files, creating their folders. A file that cannot be written is an input/output error (exit 3).</summary>
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
            File.WriteAllText(full, content());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot write the report: {e.Message}");
        }
    }
}
