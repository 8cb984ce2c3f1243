using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Runs;

/// <summary>Where the gate's two sides come from. Null members fall back to the policy.</summary>
/// <param name="Baseline">A scorecard file (relative to the working directory), overriding the policy's <c>baseline</c>.</param>
/// <param name="Candidate">A scorecard file; when null the candidate is scored from the inputs.</param>
/// <param name="Model">The model to score where the inputs hold several (<c>--model</c>).</param>
public sealed record GateSides(string? Baseline, string? Candidate, IReadOnlyList<string> Inputs, string? Model = null);

/// <summary><c>mpg gate</c> without the console: baseline and candidate scorecards, then the verdict.</summary>
public static class GateJob
{
    public const string HistoryPrefix = "history:";

    public static (Verdict Verdict, Scorecard Baseline, Scorecard Candidate) Run(GatePolicy policy, GateSides sides, string workingDirectory, string toolVersion, DateTimeOffset now,
        Action<string>? notify = null, IProgress<long>? progress = null)
    {
        var (baselinePath, label) = BaselinePath(policy, sides.Baseline, workingDirectory);
        var baseline = ScorecardFile.Read(baselinePath);
        var candidate = sides.Candidate is { } file
            ? ScorecardFile.Read(Path.GetFullPath(file, workingDirectory))
            : ScoreJob.Run(policy, sides.Inputs, workingDirectory, toolVersion, now, sides.Model, notify, progress);
        var verdict = Comparer.Compare(policy, baseline, candidate, new GateContext(toolVersion, now, label));
        return (verdict, baseline, candidate);
    }

    /// <summary>The baseline scorecard file and the label reports give it: the override (relative to the working directory), else the policy's.</summary>
    public static (string Path, string Label) BaselinePath(GatePolicy policy, string? overridePath, string workingDirectory)
    {
        var (value, baseDirectory) = overridePath is not null ? (overridePath, workingDirectory) : (policy.Baseline, policy.Directory);
        if (value is null)
        {
            throw new PolicyException(SourceSpan.None(policy.File), "no baseline: set 'baseline:' in the policy or pass --baseline FILE (a scorecard written by 'mpg score -o')");
        }

        if (value.StartsWith(HistoryPrefix, StringComparison.Ordinal))
        {
            throw new PolicyException(SourceSpan.None(policy.File), $"baseline '{value}': history baselines need the score history, which this version does not have yet; use a scorecard file");
        }

        var full = Path.GetFullPath(value, baseDirectory);
        return (full, ScoreContext.RelativePath(policy.Directory, full));
    }
}
