using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Ranking;

/// <summary>
/// Scores every entry by the moments of its posteriors, drawing its tree only where they do not suffice
/// (<see cref="Scorer.ScoreForRanking"/>; each entry from its own seeded stream, so models' draws are independent),
/// then ranks them overall and per node: the point rank by exact posterior mean, the rank interval from the draws.
/// </summary>
public static class Ranker
{
    private sealed record Scored(RankEntry Entry, Scorecard Card, Dictionary<string, double> Means, IReadOnlyDictionary<string, double[]> GroupDraws, IReadOnlyList<string> Lacking, bool TreeDrawn)
    {
        /// <summary>Cost per 1,000 queries beside another Fastness metric, where every leaf knows it.</summary>
        public double? Cost { get; init; }

        public Dictionary<string, ScorecardNode> Nodes { get; } = Card.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <exception cref="InputException">No entry has the benchmarks to be ranked.</exception>
    /// <param name="tree">The tree to rank by, from <see cref="TreeFor"/>.</param>
    public static Ranking Rank(GatePolicy policy, PolicyNode tree, IReadOnlyList<RankEntry> entries, MissingBenchmarks missing, ScoreContext context)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(entries);
        var kept = new List<(RankEntry Entry, PolicyNode Tree, List<string> Lacking)>();
        var dropped = new List<DroppedModel>();
        var treeLeaves = tree.Leaves().ToList();
        foreach (var entry in entries)
        {
            var index = new RunIndex(entry.Run);
            var lacking = treeLeaves.Where(l => !index.Has(l, strict: policy.Goodness is not null)).Select(l => l.Id).ToList();
            var own = lacking.Count == 0 ? tree : missing == MissingBenchmarks.Renormalise ? Prune(tree, lacking.ToHashSet(StringComparer.Ordinal)) : null;
            if (own is null)
            {
                dropped.Add(new DroppedModel(entry.Label, lacking));
            }
            else
            {
                kept.Add((entry, own, lacking));
            }
        }

        if (kept.Count == 0)
        {
            var file = entries.SelectMany(e => e.Run.Files).FirstOrDefault() ?? policy.File;
            throw entries.Count == 0 ? new InputException(file, "no eval results found in the inputs") : new NoCompleteModelException(file, dropped);
        }

        var scored = new Scored[kept.Count];
        Parallel.For(0, kept.Count, Parallelism.Options, i =>
        {
            var (entry, own, lacking) = kept[i];
            var ownPolicy = policy with { Goodness = own };
            var stream = "rank\0" + entry.Label;
            var (card, groupDraws, treeDrawn) = Scorer.ScoreForRanking(ownPolicy, entry.Run, context, stream);
            scored[i] = new Scored(entry, card, ExactMeans(card), groupDraws, lacking, treeDrawn) { Cost = CostBeside(policy, own, card) };
        });

        var nodeRanks = tree.DescendantsAndSelf().ToDictionary(n => n.Id, n => RankNode(n, scored, policy.Level), StringComparer.Ordinal);
        var overall = nodeRanks[tree.Id];
        var ordered = scored.OrderBy(s => overall[s.Entry.Label].Rank).ToList();
        var metric = policy.Fastness.Metric;
        var pareto = ParetoFront.Of(ordered.Select(s => (s.Means[tree.Id], s.Card.Fastness.Value)).ToList(), ParetoFront.HigherIsBetter(metric));
        var costPareto = ordered.Any(s => s.Cost is not null) ? ParetoFront.Of(ordered.Select(s => (s.Means[tree.Id], s.Cost)).ToList(), higherFastnessIsBetter: false) : null;
        var models = ordered.Select((s, i) =>
        {
            var own = overall[s.Entry.Label];
            var nodes = tree.DescendantsAndSelf().Skip(1)
                .Where(n => nodeRanks[n.Id].ContainsKey(s.Entry.Label))
                .ToDictionary(n => n.Id, n => nodeRanks[n.Id][s.Entry.Label], StringComparer.Ordinal);
            return new RankedModel(
                s.Entry.Model, s.Entry.Label, s.Entry.RunTime,
                new MeanInterval(own.Mean, own.Lower, own.Upper),
                own.Rank, own.RankLower!.Value, own.RankUpper!.Value, own.PAboveNext,
                pareto[i], s.Card.Fastness.Value, nodes,
                s.Lacking.Count > 0 ? s.Lacking : null,
                s.Cost,
                costPareto?[i]);
        }).ToList();

        return new Ranking(
            Ranking.SchemaId, context.CreatedAtText, context.ToolVersion, policy.Name, context.PolicyHash,
            policy.Seed, policy.Samples, policy.Level,
            missing,
            metric, models, dropped, Notes(ordered, metric, policy.Goodness is null ? DefaultTreeNote(policy, entries, tree, missing) : null));
    }

    /// <summary>
    /// The tree ranking uses: the policy's, else an equal-weight tree of the entries' top-level tasks: those every entry
    /// has (<c>drop</c>: a benchmark some model lacks is left out, not the model), or all of them (<c>renormalise</c>).
    /// </summary>
    public static PolicyNode TreeFor(GatePolicy policy, IReadOnlyList<RankEntry> entries, MissingBenchmarks missing)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(entries);
        if (policy.Goodness is { } tree)
        {
            return tree;
        }

        var leaves = AllDefaultLeaves(policy, entries);
        if (missing == MissingBenchmarks.Drop)
        {
            var indexes = entries.Select(e => new RunIndex(e.Run)).ToList();
            leaves = leaves.Where(l => indexes.TrueForAll(i => i.Has(l, strict: false))).ToList();
        }

        return new PolicyNode(PolicyNode.RootId, null, null, 1, policy.Weighting, leaves, SourceSpan.None(policy.File));
    }

    /// <summary>
    /// Whether a run has the leaf's counts. Under the policy's own tree a benchmark without the named metric is the
    /// policy's error (strict); under the default tree it only means this run cannot be scored on it.
    /// </summary>
    private sealed class RunIndex
    {
        // A run's tasks by name, the first of a name winning as EvalRun.Find does: ranking asks every model about every
        // leaf, and Find's linear search made that quadratic (1,000 models × 200 benchmarks: seconds).
        private readonly Dictionary<string, BenchmarkResult> byName = new(StringComparer.Ordinal);

        public RunIndex(EvalRun run)
        {
            foreach (var benchmark in run.Benchmarks)
            {
                byName.TryAdd(benchmark.Name, benchmark);
            }
        }

        public bool Has(PolicyNode leaf, bool strict)
        {
            if (!byName.TryGetValue(leaf.Benchmark!, out var benchmark))
            {
                return false;
            }

            try
            {
                LeafResolver.Resolve(leaf, benchmark);
                return true;
            }
            catch (PolicyException) when (!strict)
            {
                return false;
            }
        }
    }

    private static string? DefaultTreeNote(GatePolicy policy, IReadOnlyList<RankEntry> entries, PolicyNode tree, MissingBenchmarks missing)
    {
        var inTree = tree.Leaves().Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var leftOut = AllDefaultLeaves(policy, entries).Where(l => !inTree.Contains(l.Id)).ToList();
        var indexes = leftOut.Count > 0 ? entries.Select(e => new RunIndex(e.Run)).ToList() : [];
        var left = leftOut
            .Select(l => $"{l.Id} ({indexes.Count(i => i.Has(l, strict: false))} of {entries.Count} models)")
            .ToList();
        return missing == MissingBenchmarks.Drop && left.Count > 0
            ? $"no goodness tree in the policy: ranked on the {tree.Children.Count} benchmarks every model has; left out: {string.Join(", ", left)}"
            : null;
    }

    /// <summary>The tree's cost per 1,000 queries where the policy gates on another Fastness metric (else that is the cost).</summary>
    private static double? CostBeside(GatePolicy policy, PolicyNode tree, Scorecard card) =>
        policy.Fastness.Metric == FastnessMetric.CostPer1k ? null : LeafFastness.OfTree(FastnessMetric.CostPer1k, tree, card.Nodes);

    private static List<string> Notes(List<Scored> scored, FastnessMetric metric, string? treeNote)
    {
        var notes = scored.SelectMany(s => s.Entry.Run.Notes).Distinct(StringComparer.Ordinal).ToList();
        if (treeNote is not null)
        {
            notes.Add(treeNote);
        }

        if (scored.Count(s => s.TreeDrawn) is var drawn and > 0)
        {
            notes.Add($"{drawn} of {scored.Count} models ranked by drawing every benchmark: a group's posterior is too skewed for the moment-matched Beta the others are ranked by (docs/METHOD.md)");
        }

        if (scored.All(s => s.Card.Fastness.Value is null))
        {
            notes.Add($"no model's inputs give Fastness ({Spelling.Of(metric)}), so there is no Pareto front");
        }

        if (scored.Count(s => s.Cost is not null) is var costed and > 0 && costed < scored.Count)
        {
            notes.Add($"cost per 1,000 queries is known for {costed} of {scored.Count} models; the cost front is among those");
        }

        notes.AddRange(scored.Where(s => s.Lacking.Count > 0)
            .Select(s => $"{s.Entry.Label} lacks {string.Join(", ", s.Lacking)}: ranked on what it has, the weight of what it lacks shared among the present siblings"));
        return notes;
    }

    /// <summary>Every model having <paramref name="node"/>, ranked by exact mean; for a group, rank intervals from the joint draws.</summary>
    private static Dictionary<string, NodeRank> RankNode(PolicyNode node, Scored[] scored, double level)
    {
        var having = scored.Where(s => s.Means.ContainsKey(node.Id))
            .OrderByDescending(s => s.Means[node.Id])
            .ThenBy(s => s.Entry.Label, StringComparer.Ordinal)
            .ToList();
        var result = new Dictionary<string, NodeRank>(StringComparer.Ordinal);
        var distribution = node.IsLeaf ? null : RankDistribution.Of(having.Select(s => s.GroupDraws[node.Id]).ToList());
        for (var i = 0; i < having.Count; i++)
        {
            var s = having[i];
            var stats = s.Nodes[node.Id];
            var rank = new NodeRank(s.Means[node.Id], stats.Lower, stats.Upper, i + 1);
            if (distribution is not null)
            {
                var (lower, upper) = distribution.Interval(i, level);
                double? above = i + 1 < having.Count ? RankDistribution.PAbove(s.GroupDraws[node.Id], having[i + 1].GroupDraws[node.Id]) : null;
                rank = rank with { RankLower = lower, RankUpper = upper, PAboveNext = above };
            }

            result[s.Entry.Label] = rank;
        }

        return result;
    }

    /// <summary>Each node's exact posterior mean: a leaf's α/(α+β), a group's weighted sum of its children's.</summary>
    private static Dictionary<string, double> ExactMeans(Scorecard card)
    {
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        var children = card.Nodes.Where(n => n.Parent is not null).ToLookup(n => n.Parent!, StringComparer.Ordinal);
        double Mean(ScorecardNode node) => means[node.Id] = node.IsLeaf
            ? node.Alpha!.Value / (node.Alpha.Value + node.Beta!.Value)
            : children[node.Id].Sum(c => c.Weight * Mean(c));
        Mean(card.Nodes[0]);
        return means;
    }

    private static List<PolicyNode> AllDefaultLeaves(GatePolicy policy, IReadOnlyList<RankEntry> entries)
    {
        var leaves = new List<PolicyNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in entries.SelectMany(e => DefaultTree.From(e.Run, policy.Weighting, SourceSpan.None(policy.File)).Children))
        {
            if (seen.Add(leaf.Id))
            {
                leaves.Add(leaf);
            }
        }

        return leaves;
    }

    /// <summary>The tree without <paramref name="lacking"/> leaves and the groups left empty; null when nothing is left.</summary>
    private static PolicyNode? Prune(PolicyNode node, HashSet<string> lacking)
    {
        if (node.IsLeaf)
        {
            return lacking.Contains(node.Id) ? null : node;
        }

        var children = node.Children.Select(c => Prune(c, lacking)).OfType<PolicyNode>().ToList();
        return children.Count == 0 ? null : node with { Children = children };
    }
}
