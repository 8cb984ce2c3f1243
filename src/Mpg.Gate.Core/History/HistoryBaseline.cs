using System.Globalization;
using System.Text.RegularExpressions;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.History;

/// <summary>The pull request a gate runs in, where known: its base branch and the base commit.</summary>
public sealed record PullRequestBase(string Branch, string? Commit);

/// <summary>
/// A baseline named from the history: <c>history:BRANCH</c> is the latest record of this gate on that branch;
/// <c>history:base</c> is the PR's base branch, at the base commit where that commit was recorded;
/// <c>~median-of-N</c> takes, of the branch's last N records, the one whose Goodness is the median (the higher
/// middle one for an even count), so one lucky or unlucky run does not become the bar.
/// </summary>
public sealed partial record HistoryBaseline(string Branch, int MedianOf)
{
    public const string Prefix = "history:";
    public const string PullRequestBaseBranch = "base";

    [GeneratedRegex(@"^history:(?<branch>[^~\s]+)(~median-of-(?<n>[0-9]+))?$")]
    private static partial Regex Syntax();

    public static bool IsHistory(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <exception cref="PolicyException">Not of the documented form.</exception>
    public static HistoryBaseline Parse(string value, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(value);
        var match = Syntax().Match(value);
        if (!match.Success
            || (match.Groups["n"].Success && !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new PolicyException(span, $"baseline '{value}' is not a history baseline: expected history:BRANCH, history:base, or history:BRANCH~median-of-N (e.g. history:main~median-of-5)");
        }

        var n = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
        return n is < 1 or > 1000
            ? throw new PolicyException(span, $"baseline '{value}': median-of-N needs N between 1 and 1000")
            : new HistoryBaseline(match.Groups["branch"].Value, n);
    }

    /// <summary>The branch meant, with the PR's base branch for <c>history:base</c>.</summary>
    /// <exception cref="PolicyException"><c>history:base</c> outside a pull request.</exception>
    public string BranchIn(PullRequestBase? pullRequest, SourceSpan span) =>
        Branch != PullRequestBaseBranch
            ? Branch
            : pullRequest?.Branch ?? throw new PolicyException(span, "baseline 'history:base' needs a pull request's base branch (GITHUB_BASE_REF in GitHub Actions); outside one, name the branch: history:main");

    /// <returns>The record chosen, and a note saying how where it was not the plain latest one.</returns>
    /// <exception cref="InputException">No record of the gate on the branch.</exception>
    public (HistoryRecord Record, string? Note) Resolve(IHistoryStore store, string gate, PullRequestBase? pullRequest, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(store);
        var branch = BranchIn(pullRequest, span);
        string? note = null;
        HistoryEntry? chosen = null;
        if (Branch == PullRequestBaseBranch && pullRequest?.Commit is { } commit)
        {
            chosen = store.AtCommit(gate, branch, commit);
            note = chosen is null ? $"base commit {commit[..Math.Min(7, commit.Length)]} has no record; the latest on {branch} is used" : null;
        }

        if (chosen is null)
        {
            var recent = store.List(gate, branch, MedianOf);
            if (recent.Count == 0)
            {
                throw new NoHistoryRecordException(store.Display, gate, branch);
            }

            var byGoodness = recent.OrderBy(e => e.Goodness).ThenBy(e => e.Id).ToList();
            chosen = MedianOf == 1 ? recent[0] : byGoodness[byGoodness.Count / 2];
            if (MedianOf > 1)
            {
                note = $"median Goodness of the last {recent.Count} records on {branch}";
            }
        }

        var record = store.Get(chosen.Id) ?? throw new InputException(store.Display, $"record {chosen.Id} vanished while it was read (pruned meanwhile?); run again");
        return (record, note);
    }
}

/// <summary>The history holds no record of the gate on the branch a baseline is taken from; the front end says how to record one.</summary>
public sealed class NoHistoryRecordException(string store, string gate, string branch)
    : InputException(store, $"no record of gate '{gate}' on branch '{branch}' in the history");
