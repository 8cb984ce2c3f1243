namespace Mpg.Gate.Ingest;

/// <summary>An eval output that is missing, unreadable or malformed. The CLI exits 3 with this message.</summary>
public class InputException(string file, string message, long? line = null) : Exception(message)
{
    public string File { get; } = file;

    public long? Line { get; } = line;
}
