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
        var (tree, leaves, weights) = Resolve(policy, run);
        var leafDraws = TreeSampler.DrawEach(
            [.. leaves.Select(kv => (kv.Key, BetaPosterior.From(policy.Prior, kv.Value.N, kv.Value.Successes)))], policy.Samples, policy.Seed, stream);
        var draws = TreeSampler.Combine(tree, leafDraws, weights, policy.Samples);
        return (Card(policy, run, context, tree, leaves, weights, id => DrawSummary.Of(draws[id], policy.Level)), draws);
    }

    /// <summary>
    /// The skewness by which a group's posterior may differ from its moment-matched Beta's. By Cornish–Fisher a 95%
    /// interval end moves by about (z² − 1)/6 ≈ 0.47 sd per unit of skewness, so 0.05 keeps the ends within 0.03 sd.
    /// </summary>
    public const double SkewnessTolerance = 0.05;

    /// <summary>
    /// What ranking scores a model by: <see cref="ScoreByMoments"/> where the matched Betas hold, else the tree drawn
    /// (<see cref="ScoreWithDraws"/>, <paramref name="TreeDrawn"/> true); either way the draws of every group node.
    /// </summary>
    public static (Scorecard Scorecard, IReadOnlyDictionary<string, double[]> GroupDraws, bool TreeDrawn) ScoreForRanking(GatePolicy policy, EvalRun run, ScoreContext context, string stream)
    {
        if (ScoreByMoments(policy, run, context, stream) is var (card, groupDraws))
        {
            return (card, groupDraws, false);
        }

        var (treeCard, draws) = ScoreWithDraws(policy, run, context, stream);
        var groups = TreeFor(policy, run).DescendantsAndSelf().Where(n => !n.IsLeaf).ToDictionary(n => n.Id, n => draws[n.Id], StringComparer.Ordinal);
        return (treeCard, groups, true);
    }

    /// <summary>
    /// For ranking many models: every node's posterior taken as the Beta with its exact posterior mean and variance
    /// (exact for a leaf; for a group, the moment-matched Beta of the weighted sum of its children), summarised by exact
    /// quantiles and drawn only at the group nodes that ranks are drawn for. Drawing the tree itself costs one draw per
    /// leaf and draw: 1,000 models × 200 benchmarks × 20,000 draws is four billion Beta draws, about 400 CPU-seconds.
    /// </summary>
    /// <returns>
    /// The scorecard and the draws of every group node; null when a group's exact skewness differs from its matched
    /// Beta's by more than <see cref="SkewnessTolerance"/> (a small, nearly perfect benchmark can carry most of a
    /// group's spread), where the tree must be drawn instead. The error is measured in docs/METHOD.md.
    /// </returns>
    public static (Scorecard Scorecard, IReadOnlyDictionary<string, double[]> GroupDraws)? ScoreByMoments(GatePolicy policy, EvalRun run, ScoreContext context, string stream)
    {
        var (tree, leaves, weights) = Resolve(policy, run);
        var posteriors = new Dictionary<string, BetaPosterior>(StringComparer.Ordinal);
        var matches = true;
        (double Mean, double Variance, double Third) Moments(PolicyNode node)
        {
            if (node.IsLeaf)
            {
                var leaf = posteriors[node.Id] = BetaPosterior.From(policy.Prior, leaves[node.Id].N, leaves[node.Id].Successes);
                return (leaf.Mean, leaf.Variance, leaf.Skewness * Math.Pow(leaf.Variance, 1.5));
            }

            // Children are independent, so the weighted sum's central moments are the weighted sums of theirs.
            double mean = 0, variance = 0, third = 0;
            foreach (var child in node.Children)
            {
                var (m, v, t) = Moments(child);
                var w = weights[child.Id];
                mean += w * m;
                variance += w * w * v;
                third += w * w * w * t;
            }

            var matched = posteriors[node.Id] = BetaPosterior.WithMoments(mean, variance);
            matches &= Math.Abs((third / Math.Pow(variance, 1.5)) - matched.Skewness) <= SkewnessTolerance;
            return (mean, variance, third);
        }

        Moments(tree);
        if (!matches)
        {
            return null;
        }

        var groupDraws = TreeSampler.DrawEach(
            [.. tree.DescendantsAndSelf().Where(n => !n.IsLeaf).Select(n => (n.Id, posteriors[n.Id]))], policy.Samples, policy.Seed, stream);
        return (Card(policy, run, context, tree, leaves, weights, id => posteriors[id].Summary(policy.Level)), groupDraws);
    }

    private static (PolicyNode Tree, Dictionary<string, ScoredLeaf> Leaves, IReadOnlyDictionary<string, double> Weights) Resolve(GatePolicy policy, EvalRun run)
    {
        var tree = TreeFor(policy, run);
        var leaves = new Dictionary<string, ScoredLeaf>(StringComparer.Ordinal);
        foreach (var leaf in tree.Leaves())
        {
            leaves[leaf.Id] = LeafResolver.Resolve(leaf, run)
                ?? throw new PolicyException(leaf.Span, $"benchmark '{leaf.Benchmark}' is not in the inputs of model '{run.Model}'");
        }

        return (tree, leaves, TreeWeights.Compute(tree, id => leaves.TryGetValue(id, out var l) ? l.N : null));
    }

    private static Scorecard Card(
        GatePolicy policy,
        EvalRun run,
        ScoreContext context,
        PolicyNode tree,
        Dictionary<string, ScoredLeaf> leaves,
        IReadOnlyDictionary<string, double> weights,
        Func<string, DrawSummary> summary)
    {
        var nodes = new List<ScorecardNode>();
        // Leaves of one file share its relative path: computed once per file, not once per leaf (ranking has 200,000).
        var relative = new Dictionary<string, string>(StringComparer.Ordinal);
        string Relative(string file) => relative.TryGetValue(file, out var path) ? path : relative[file] = context.Relative(file);
        AddNodes(tree, null, policy, Relative, leaves, weights, summary, nodes);
        return new Scorecard(
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
            NodeStats.From(summary(tree.Id)),
            Fastness(policy, run, tree, nodes),
            nodes,
            run.Files.Select(Relative).ToList());
    }

    private static void AddNodes(
        PolicyNode node,
        string? parent,
        GatePolicy policy,
        Func<string, string> relative,
        Dictionary<string, ScoredLeaf> leaves,
        IReadOnlyDictionary<string, double> weights,
        Func<string, DrawSummary> summary,
        List<ScorecardNode> nodes)
    {
        var s = summary(node.Id);
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
            AddNodes(child, node.Id, policy, relative, leaves, weights, summary, nodes);
        }
    }

    private static FastnessSummary Fastness(GatePolicy policy, EvalRun run, PolicyNode tree, List<ScorecardNode> nodes)
    {
        var metric = policy.Fastness.Metric;
        var leaves = nodes.Where(n => n.IsLeaf).ToList();
        if (LeafFastness.OfTree(metric, tree, nodes) is { } combined)
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
