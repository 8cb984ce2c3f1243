using Mpg.Gate.Planning;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Jobs;

/// <summary>
/// <c>mpg plan</c> without the console: the baseline scorecard, and where eval outputs are given (a pilot or an
/// earlier candidate) their scorecard, so paired leaves plan from their measured discordance.
/// </summary>
public static class PlanJob
{
    public static Plan Run(GatePolicy policy, string? baselineOverride, IReadOnlyList<string> inputs, double? drop, double power, string workingDirectory, string toolVersion, DateTimeOffset now,
        string? model = null, Action<string>? notify = null)
    {
        var (baseline, label, _, _) = GateJob.LoadBaseline(policy, new GateSides(baselineOverride, null, inputs, model), workingDirectory, null, notify);
        var candidate = inputs.Count > 0 ? ScoreJob.Run(policy, inputs, workingDirectory, toolVersion, now, model, notify) : null;
        return Planner.Plan(policy, baseline, candidate, drop, power, label);
    }
}
