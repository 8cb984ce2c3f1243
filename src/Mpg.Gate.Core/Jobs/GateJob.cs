using Mpg.Gate.Comparison;
using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Jobs;

/// <summary>Where the gate's two sides come from. Null members fall back to the policy.</summary>
/// <param name="Baseline">A scorecard file (relative to the working directory) or <c>history:…</c>, overriding the policy's <c>baseline</c>.</param>
/// <param name="Candidate">A scorecard file; when null the candidate is scored from the inputs.</param>
/// <param name="Model">The model to score where the inputs hold several (<c>--model</c>).</param>
/// <param name="PullRequest">The PR's base, for <c>history:base</c>.</param>
public sealed record GateSides(string? Baseline, string? Candidate, IReadOnlyList<string> Inputs, string? Model = null, PullRequestBase? PullRequest = null);

/// <summary>A gate's outcome, the scorecards it compared, and the files it read (full paths: eval outputs or the candidate scorecard, then the baseline).</summary>
public sealed record GateResult(Verdict Verdict, Scorecard Baseline, Scorecard Candidate, IReadOnlyList<string> FilesRead);

/// <summary><c>mpg gate</c> without the console: baseline and candidate scorecards, then the verdict.</summary>
public static class GateJob
{
    public const string HistoryPrefix = HistoryBaseline.Prefix;

    /// <summary>Whether this gate reads the history (a history baseline or a drift rule), so the caller opens it.</summary>
    public static bool NeedsHistory(GatePolicy policy, GateSides sides)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sides);
        return HistoryBaseline.IsHistory(sides.Baseline ?? policy.Baseline) || policy.Gate.Drift is not null;
    }

    /// <param name="history">The store, where <see cref="NeedsHistory"/> says so.</param>
    public static GateResult Run(GatePolicy policy, GateSides sides, string workingDirectory, string toolVersion, DateTimeOffset now,
        Action<string>? notify = null, IProgress<long>? progress = null, IHistoryStore? history = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sides);
        var (baseline, label, historyBranch, baselinePath) = LoadBaseline(policy, sides, workingDirectory, history, notify);
        var candidatePath = sides.Candidate is { } file ? Path.GetFullPath(file, workingDirectory) : null;
        var candidate = candidatePath is not null
            ? ScorecardFile.Read(candidatePath)
            : ScoreJob.Run(policy, sides.Inputs, workingDirectory, toolVersion, now, sides.Model, notify, progress);
        var verdict = Comparer.Compare(policy, baseline, candidate, new GateContext(toolVersion, now, label));
        if (policy.Gate.Drift is { } drift)
        {
            var store = history ?? throw new PolicyException(drift.Span, "'gate.drift' needs the score history: name its store in the policy's 'history:'");
            var branch = drift.Branch ?? historyBranch ?? "main";
            List<Scorecard> window;
            HistoryOutage? outage = null;
            try
            {
                window = store.List(policy.Name, branch, drift.Window)
                    .Select(e => store.Get(e.Id)?.Scorecard)
                    .OfType<Scorecard>()
                    .ToList();
            }
            catch (HistoryException e) when (policy.HistoryErrors == HistoryErrors.Warn)
            {
                // An optional use of the store: the rule goes on with no records, and fails closed as it does with none.
                window = [];
                outage = new HistoryOutage(e.Store, e.Message, [HistoryUse.Drift]);
            }

            verdict = DriftJudge.Apply(verdict, policy, candidate, window, branch) with { HistoryOutage = outage };
        }

        // A scored candidate lists its inputs relative to the policy's folder; a history baseline is no file.
        IEnumerable<string> candidateFiles = candidatePath is not null ? [candidatePath] : candidate.Inputs.Select(f => Path.GetFullPath(f, policy.Directory));
        IEnumerable<string> baselineFiles = baselinePath is null ? [] : [baselinePath];
        return new GateResult(verdict, baseline, candidate, candidateFiles.Concat(baselineFiles).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The baseline scorecard and the label reports give it: the override (relative to the working directory), else the policy's; a history baseline from the store.</summary>
    public static (Scorecard Card, string Label, string? Branch, string? File) LoadBaseline(GatePolicy policy, GateSides sides, string workingDirectory, IHistoryStore? history, Action<string>? notify)
    {
        var (value, baseDirectory) = sides.Baseline is not null ? (sides.Baseline, workingDirectory) : (policy.Baseline, policy.Directory);
        if (value is null)
        {
            throw new NoBaselineException(policy.File);
        }

        if (HistoryBaseline.IsHistory(value))
        {
            var span = SourceSpan.None(policy.File);
            var spec = HistoryBaseline.Parse(value, span);
            var store = history ?? throw new PolicyException(span, $"baseline '{value}' needs the score history: name its store in the policy's 'history:'");
            var (record, note) = spec.Resolve(store, policy.Name, sides.PullRequest, span);
            if (note is not null)
            {
                notify?.Invoke($"baseline {value}: {note}");
            }

            return (record.Scorecard, $"{value} @ {record.Entry.ShortCommit}", spec.BranchIn(sides.PullRequest, span), null);
        }

        var full = Path.GetFullPath(value, baseDirectory);
        var card = ScorecardFile.Read(full);
        // A baseline scored for another gate shares no benchmark with this tree: every node would read "missing", and the
        // reason (the wrong file) would be lost among them.
        var wanted = policy.Goodness?.Leaves().Select(l => l.Benchmark).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var held = card.Nodes.Where(n => n.IsLeaf).Select(n => n.Benchmark).OfType<string>().ToList();
        if (wanted is { Count: > 0 } && held.Count > 0 && !held.Any(wanted.Contains))
        {
            throw new InputException(full, $"the baseline was scored by policy '{card.PolicyName}' for {string.Join(", ", held.Take(5))}{(held.Count > 5 ? ", …" : "")}; "
                + $"none of them is in the tree of '{policy.Name}' ({string.Join(", ", wanted.Order(StringComparer.Ordinal).Take(5))}{(wanted.Count > 5 ? ", …" : "")}): a baseline of another gate?");
        }

        return (card, ScoreContext.RelativePath(policy.Directory, full), null, full);
    }
}
