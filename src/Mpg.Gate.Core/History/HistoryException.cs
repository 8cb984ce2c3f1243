namespace Mpg.Gate.History;

/// <summary>Why the history could not be used. The CLI maps it to an exit code.</summary>
public enum HistoryFault
{
    /// <summary>The store cannot be reached, refused us, or cannot be written: exit 4.</summary>
    Unavailable,

    /// <summary>The SQLite file is not a database, or its records do not parse: exit 3.</summary>
    Corrupt,

    /// <summary>The store was written by a newer mpg (its schema version is above ours): exit 4, nothing touched.</summary>
    NewerSchema,
}

/// <summary>The history store failed. The message names the store (redacted) and never holds a password.</summary>
public sealed class HistoryException : Exception
{
    public HistoryException(HistoryFault fault, string store, string message, Exception? inner = null)
        : base(message, inner)
    {
        Fault = fault;
        Store = store;
    }

    public HistoryFault Fault { get; }

    public string Store { get; }
}
