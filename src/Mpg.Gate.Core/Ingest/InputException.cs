namespace Mpg.Gate.Ingest;

/// <summary>An eval output that is missing, unreadable or malformed. The CLI exits 3 with this message.</summary>
public class InputException : Exception
{
    public InputException(string file, string message, long? line = null)
        : base(message)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public long? Line { get; }

}
