namespace Mpg.Gate.History;

/// <summary>
/// The score history. Every write is one transaction: concurrent writers never lose or double a record,
/// and a writer killed half-way leaves no partial record.
/// </summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>Where the store is, for messages; never holds a password.</summary>
    string Display { get; }

    /// <returns>The new record's id.</returns>
    long Add(NewHistoryRecord record);

    /// <summary>Records of one gate, newest first (by time, then id); <paramref name="branch"/> null means every branch.</summary>
    IReadOnlyList<HistoryEntry> List(string gate, string? branch, int limit);

    /// <summary>The newest record of the gate on <paramref name="branch"/> made at <paramref name="commit"/>, or null.</summary>
    HistoryEntry? AtCommit(string gate, string branch, string commit);

    /// <summary>The record with its scorecard, or null.</summary>
    HistoryRecord? Get(long id);

    /// <summary>The gates that have records, in ordinal order.</summary>
    IReadOnlyList<string> Gates();

    /// <summary>Deletes all but the newest <paramref name="keep"/> records of the gate on each branch; returns how many went.</summary>
    int Prune(string gate, int keep);
}
