using Mpg.Gate.Scoring;

namespace Mpg.Gate.History;

/// <summary>
/// One gated (or merely recorded) run in the score history: its entry (where it came from), and the whole scorecard,
/// so any record serves as a baseline (paired where the scorecard kept its items).
/// </summary>
/// <param name="VerdictDocument">The whole verdict (<c>mpg.verdict/1</c> JSON) when recorded after gating by mpg with schema 2 or later; else null.</param>
public sealed record HistoryRecord(HistoryEntry Entry, Scorecard Scorecard, string? VerdictDocument = null);

/// <summary>What a caller hands the store; the store gives it an id.</summary>
public sealed record NewHistoryRecord(
    string Gate,
    string Branch,
    string Commit,
    int? PullRequest,
    DateTimeOffset RecordedAt,
    string? Verdict,
    string ToolVersion,
    Scorecard Scorecard,
    string? VerdictDocument = null);

/// <summary>A record without its scorecard, for listings: what <c>mpg history list --json</c> writes.</summary>
/// <param name="Id">Assigned by the store; increases with every record written.</param>
/// <param name="RecordedAt">UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c> (honours <c>SOURCE_DATE_EPOCH</c>).</param>
/// <param name="Verdict">The gate's verdict when recorded after gating (<c>pass</c>, <c>fail</c>, or a status later versions add); null when recorded alone.</param>
/// <param name="Goodness">The scorecard's Goodness mean, as stored for listings; <paramref name="GoodnessLower"/> and <paramref name="GoodnessUpper"/> its interval.</param>
public sealed record HistoryEntry(
    long Id,
    string Gate,
    string Branch,
    string Commit,
    int? PullRequest,
    string RecordedAt,
    string Model,
    string? Verdict,
    string ToolVersion,
    double Goodness,
    double GoodnessLower,
    double GoodnessUpper)
{
    public string ShortCommit => Commit.Length > 7 ? Commit[..7] : Commit;
}
