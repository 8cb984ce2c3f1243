using System.Globalization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Scoring;

/// <summary>What a scorecard records about how it was made, beyond the policy and the run.</summary>
/// <param name="BaseDirectory">File paths in the scorecard are relative to this (the policy's folder), so its bytes do not depend on where the repository is checked out.</param>
public sealed record ScoreContext(string ToolVersion, DateTimeOffset CreatedAt, string PolicyHash, string BaseDirectory)
{
    /// <summary>A path relative to <see cref="BaseDirectory"/> with '/' separators.</summary>
    public string Relative(string path) => RelativePath(BaseDirectory, path);

    public static string RelativePath(string baseDirectory, string path) =>
        Path.GetRelativePath(baseDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    public string CreatedAtText => Numbers.Timestamp(CreatedAt);
}

/// <summary>Scores one run under a policy: leaf posteriors, seeded draws up the tree, Fastness.</summary>
public static class Scorer
{
    public const string Stream = "score";

    /// <summary>The Goodness tree of the policy, or the default flat tree over the run's tasks.</summary>
    public static PolicyNode TreeFor(GatePolicy policy, EvalRun run) =>
        policy.Goodness ?? DefaultTree.From(run, policy.Weighting, SourceSpan.None(policy.File));

    /// <exception cref="PolicyException">A leaf names a benchmark or metric the run does not have.</exception>
    public static Scorecard Score(GatePolicy policy, EvalRun run, ScoreContext context) =>
        ScoreWithDraws(policy, run, context, Stream).Scorecard;

    /// <summary>
    /// The scorecard and every node's draws. Ranking many models needs the draws themselves, and each model its own
    /// <paramref name="stream"/>, so that two models' draws are independent rather than the same random numbers.
    /// </summary>
    public static (Scorecard Scorecard, IReadOnlyDictionary<string, double[]> Draws) ScoreWithDraws(GatePolicy policy, EvalRun run, ScoreContext context, string stream)
    {
        var tree = TreeFor(policy, run);
        var leaves = new Dictionary<string, ScoredLeaf>(StringComparer.Ordinal);
        foreach (var leaf in tree.Leaves())
        {
            leaves[leaf.Id] = LeafResolver.Resolve(leaf, run)
                ?? throw new PolicyException(leaf.Span, $"benchmark '{leaf.Benchmark}' is not in the inputs of model '{run.Model}'");
        }

        var weights = TreeWeights.Compute(tree, id => leaves.TryGetValue(id, out var l) ? l.N : null);
        var leafDraws = leaves.ToDictionary(
            kv => kv.Key,
            kv => TreeSampler.DrawLeaf(BetaPosterior.From(policy.Prior, kv.Value.N, kv.Value.Successes), policy.Samples, TreeSampler.UniformFor(policy.Seed, stream, kv.Key)),
            StringComparer.Ordinal);
        var draws = TreeSampler.Combine(tree, leafDraws, weights, policy.Samples);

        var nodes = new List<ScorecardNode>();
        // Leaves of one file share its relative path: computed once per file, not once per leaf (ranking has 200,000).
        var relative = new Dictionary<string, string>(StringComparer.Ordinal);
        string Relative(string file) => relative.TryGetValue(file, out var path) ? path : relative[file] = context.Relative(file);
        AddNodes(tree, null, policy, Relative, leaves, weights, draws, nodes);
        var card = new Scorecard(
            Scorecard.SchemaId,
            run.Model,
            context.CreatedAtText,
            context.ToolVersion,
            policy.Name,
            context.PolicyHash,
            policy.Seed,
            policy.Samples,
            policy.Level,
            new PriorInfo(policy.Prior.Alpha, policy.Prior.Beta),
            NodeStats.From(DrawSummary.Of(draws[tree.Id], policy.Level)),
            Fastness(policy, run, tree, weights, nodes),
            nodes,
            run.Files.Select(Relative).ToList());
        return (card, draws);
    }

    private static void AddNodes(
        PolicyNode node,
        string? parent,
        GatePolicy policy,
        Func<string, string> relative,
        Dictionary<string, ScoredLeaf> leaves,
        IReadOnlyDictionary<string, double> weights,
        Dictionary<string, double[]> draws,
        List<ScorecardNode> nodes)
    {
        var s = DrawSummary.Of(draws[node.Id], policy.Level);
        if (node.IsLeaf)
        {
            var leaf = leaves[node.Id];
            var posterior = BetaPosterior.From(policy.Prior, leaf.N, leaf.Successes);
            nodes.Add(new ScorecardNode(
                node.Id, parent, ScorecardNode.BenchmarkKind, weights[node.Id], s.Mean, s.Sd, s.Lower, s.Upper,
                leaf.Benchmark, leaf.Metric, leaf.N, leaf.Successes, leaf.NEstimated,
                leaf.Source == MetricSource.Samples ? "samples" : "results", relative(leaf.File), posterior.Alpha, posterior.Beta, ItemTable.From(leaf.Items), leaf.Fastness, leaf.NEstimatedReason, RepeatSummary.Of(leaf.Items),
                leaf.Settings.Count > 0 ? new SortedDictionary<string, string>(leaf.Settings.ToDictionary(), StringComparer.Ordinal) : null));
            return;
        }

        nodes.Add(new ScorecardNode(node.Id, parent, ScorecardNode.Group, weights[node.Id], s.Mean, s.Sd, s.Lower, s.Upper));
        foreach (var child in node.Children)
        {
            AddNodes(child, node.Id, policy, relative, leaves, weights, draws, nodes);
        }
    }

    private static FastnessSummary Fastness(GatePolicy policy, EvalRun run, PolicyNode tree, IReadOnlyDictionary<string, double> weights, List<ScorecardNode> nodes)
    {
        var metric = policy.Fastness.Metric;
        var shares = TreeWeights.LeafShares(tree, weights);
        var leaves = nodes.Where(n => n.IsLeaf).ToList();
        if (LeafFastness.Combine(metric, leaves.Select(l => (shares[l.Id], l.Fastness?.Value(metric))).ToList()) is { } combined)
        {
            var scope = leaves.All(l => l.Fastness!.Source == LeafFastness.Items) ? LeafFastness.Items : LeafFastness.Benchmark;
            return new FastnessSummary(metric, combined, scope, leaves.Sum(l => (long)(l.N ?? 0)), null, null);
        }

        if (metric != FastnessMetric.Qps)
        {
            return new FastnessSummary(metric, null, "run", null, null, $"the inputs carry no per-item latency or cost, so '{Spelling.Of(metric)}' is unknown");
        }

        return run.Timing is { WallSeconds: > 0 } t
            ? new FastnessSummary(metric, t.Items / t.WallSeconds, "run", t.Items, t.WallSeconds, null)
            : new FastnessSummary(metric, null, "run", null, null, "the inputs record no wall time");
    }
}
