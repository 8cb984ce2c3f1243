using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Jobs;

/// <summary>Where the gate's two sides come from. Null members fall back to the policy.</summary>
/// <param name="Baseline">A scorecard file (relative to the working directory), overriding the policy's <c>baseline</c>.</param>
/// <param name="Candidate">A scorecard file; when null the candidate is scored from the inputs.</param>
/// <param name="Model">The model to score where the inputs hold several (<c>--model</c>).</param>
public sealed record GateSides(string? Baseline, string? Candidate, IReadOnlyList<string> Inputs, string? Model = null);

/// <summary>A gate's outcome, the scorecards it compared, and the files it read (full paths: eval outputs or the candidate scorecard, then the baseline).</summary>
public sealed record GateResult(Verdict Verdict, Scorecard Baseline, Scorecard Candidate, IReadOnlyList<string> FilesRead);

/// <summary><c>mpg gate</c> without the console: baseline and candidate scorecards, then the verdict.</summary>
public static class GateJob
{
    public const string HistoryPrefix = "history:";

    public static GateResult Run(GatePolicy policy, GateSides sides, string workingDirectory, string toolVersion, DateTimeOffset now,
        Action<string>? notify = null, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sides);
        var (baselinePath, label) = BaselinePath(policy, sides.Baseline, workingDirectory);
        var baseline = ScorecardFile.Read(baselinePath);
        var candidatePath = sides.Candidate is { } file ? Path.GetFullPath(file, workingDirectory) : null;
        var candidate = candidatePath is not null
            ? ScorecardFile.Read(candidatePath)
            : ScoreJob.Run(policy, sides.Inputs, workingDirectory, toolVersion, now, sides.Model, notify, progress);
        var verdict = Comparer.Compare(policy, baseline, candidate, new GateContext(toolVersion, now, label));

        // A scored candidate lists its inputs relative to the policy's folder.
        IEnumerable<string> candidateFiles = candidatePath is not null ? [candidatePath] : candidate.Inputs.Select(f => Path.GetFullPath(f, policy.Directory));
        return new GateResult(verdict, baseline, candidate, candidateFiles.Append(baselinePath).Distinct(StringComparer.Ordinal).ToList());
    }

    private static (string Path, string Label) BaselinePath(GatePolicy policy, string? overridePath, string workingDirectory)
    {
        var (value, baseDirectory) = overridePath is not null ? (overridePath, workingDirectory) : (policy.Baseline, policy.Directory);
        if (value is null)
        {
            throw new NoBaselineException(policy.File);
        }

        if (value.StartsWith(HistoryPrefix, StringComparison.Ordinal))
        {
            throw new PolicyException(SourceSpan.None(policy.File), $"baseline '{value}': history baselines need the score history, which this version does not have yet; use a scorecard file");
        }

        var full = Path.GetFullPath(value, baseDirectory);
        return (full, ScoreContext.RelativePath(policy.Directory, full));
    }
}
