using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>The tree used when the policy has no <c>goodness:</c>: every top-level task of the run that has a metric, equal weights.</summary>
public static class DefaultTree
{
    public static PolicyNode From(EvalRun run, Weighting weighting, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(run);
        var leaves = StarterPolicy.TopLevelTasks(run, [.. LeafResolver.DefaultMetrics])
            .Select(t => new PolicyNode(t.Task, t.Task, t.Metric, 1, weighting, [], span))
            .ToList();
        if (leaves.Count == 0)
        {
            // Nothing scores from nothing: a Goodness of a tree without a leaf would be a number made of no items.
            var files = run.Benchmarks.Select(b => b.File).Concat(run.Benchmarks.SelectMany(b => b.Unusable).Select(u => u.File)).Distinct(StringComparer.Ordinal).ToList();
            throw new InputException(
                files.Count > 0 ? files[0] : run.Files.FirstOrDefault() ?? span.File,
                $"no benchmark in the inputs has a metric that can be scored (a proportion in [0,1] with an item count); they have: "
                + string.Join("; ", run.Benchmarks.Select(b => $"{b.Name}: {b.MetricList()}"))
                + (files.Count > 1 ? $" (files: {string.Join(", ", files.Select(Path.GetFileName))})" : "")
                + ". Name a metric with 'metric:' on a leaf of a policy's goodness: tree where one is a proportion");
        }

        return new PolicyNode(PolicyNode.RootId, null, null, 1, weighting, leaves, span);
    }
}
