using Mpg.Gate.Scoring;

namespace Mpg.Gate.History;

/// <summary>
/// One gated (or merely recorded) run in the score history: the whole scorecard, so any record serves as a
/// baseline (paired where the scorecard kept its items), and where it came from.
/// </summary>
/// <param name="Id">Assigned by the store; increases with every record written.</param>
/// <param name="RecordedAt">UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c> (honours <c>SOURCE_DATE_EPOCH</c>).</param>
/// <param name="Verdict">The gate's verdict when recorded after gating (<c>pass</c>, <c>fail</c>, or a status later versions add); null when recorded alone.</param>
/// <param name="VerdictDocument">The whole verdict (<c>mpg.verdict/1</c> JSON) when recorded after gating by mpg with schema 2 or later; else null.</param>
public sealed record HistoryRecord(
    long Id,
    string Gate,
    string Branch,
    string Commit,
    int? PullRequest,
    string RecordedAt,
    string Model,
    string? Verdict,
    string ToolVersion,
    Scorecard Scorecard,
    string? VerdictDocument = null)
{
    public string ShortCommit => Commit.Length > 7 ? Commit[..7] : Commit;

    public HistoryEntry Entry => new(Id, Gate, Branch, Commit, PullRequest, RecordedAt, Model, Verdict, ToolVersion, Scorecard.Goodness.Mean, Scorecard.Goodness.Lower, Scorecard.Goodness.Upper);
}

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
    double GoodnessUpper);
