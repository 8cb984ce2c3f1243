using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>The tree used when the policy has no <c>goodness:</c>: every top-level task of the run that has a metric, equal weights.</summary>
public static class DefaultTree
{
    public static PolicyNode From(EvalRun run, Weighting weighting, SourceSpan span)
    {
        var leaves = StarterPolicy.TopLevelTasks(run, [.. LeafResolver.DefaultMetrics])
            .Select(t => new PolicyNode(t.Task, t.Task, t.Metric, 1, weighting, [], span))
            .ToList();
        return new PolicyNode(PolicyNode.RootId, null, null, 1, weighting, leaves, span);
    }
}
