using System.Globalization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Planning;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

public sealed record GateContext(string ToolVersion, DateTimeOffset CreatedAt, string BaselineLabel)
{
    public string CreatedAtText => Numbers.Timestamp(CreatedAt);
}

/// <summary>
/// Compares a candidate scorecard with a baseline scorecard under the policy's tree and rules.
/// A leaf whose items both scorecards carry is <b>paired</b> (<see cref="PairedLeaf"/>); any other leaf is
/// drawn independently on each side from the posteriors the scorecards carry. Δ draws combine up the
/// tree with one set of weights, so both sides average the same mix.
/// </summary>
public static class Comparer
{
    public const string BaselineStream = "baseline";
    public const string CandidateStream = "candidate";
    public const string PairedStream = "paired";

    public static Verdict Compare(GatePolicy policy, Scorecard baseline, Scorecard candidate, GateContext context)
    {
        var tree = TreeOf(policy, candidate);
        var weights = TreeWeights.Compute(tree, id => candidate.Find(id)?.N ?? baseline.Find(id)?.N);
        var paired = Pair(policy, tree, baseline, candidate);
        var baseDraws = DrawSide(tree, baseline, BaselineStream, policy, weights, paired.ToDictionary(p => p.Key, p => p.Value.Baseline, StringComparer.Ordinal));
        var candDraws = DrawSide(tree, candidate, CandidateStream, policy, weights, paired.ToDictionary(p => p.Key, p => p.Value.Candidate, StringComparer.Ordinal));

        var differences = RunDifferences.Between(policy, tree, baseline, candidate);
        var rules = GatedRules.For(policy, tree);
        var evidence = Planner.Evidence(baseline, candidate);
        var regressionRules = rules.Count(r => r.IsRegression);
        PlanNode? Plan(PolicyRule rule, double margin) =>
            tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == rule.Node) is { } node
                ? Planner.Node(node, weights, evidence, margin, ItemsNeeded.DefaultDrop(margin), Planner.Alpha(policy, rule, regressionRules), ItemsNeeded.DefaultPower)
                : null;
        var outcomes = RuleJudge.Judge(policy, rules, baseDraws, candDraws, id => NodeN(tree, id, candidate), Plan)
            .Concat(RequiredJudge.Judge(policy, tree, baseline, candidate))
            .Concat(PassAllJudge.Judge(rules, tree, weights, candidate))
            .ToList();

        var nodes = new List<NodeComparison>();
        AddNodes(tree, null, new Sides(policy, outcomes, baseline, candidate, baseDraws, candDraws, paired), nodes);
        var fastness = FastnessJudge.Judge(policy, tree, weights, baseline, candidate);
        var failed = outcomes.Any(o => !o.Passed) || fastness.Status == FastnessStatus.Fail;
        var inconclusive = outcomes.Any(o => o.Inconclusive == InconclusiveAction.Warn);
        return new Verdict(
            Verdict.SchemaId,
            policy.Name,
            failed ? VerdictResult.Fail : inconclusive ? VerdictResult.Inconclusive : VerdictResult.Pass,
            context.CreatedAtText,
            context.ToolVersion,
            context.BaselineLabel,
            baseline.Model,
            candidate.Model,
            policy.Seed,
            policy.Samples,
            policy.Level,
            policy.Gate.Correction,
            nodes,
            outcomes,
            fastness)
        {
            Differences = differences,
            Explanations = Explain(policy, tree, nodes, baseline, candidate),
        };
    }

    /// <summary>Shifts a report shows per explained node: the few that dropped most.</summary>
    public const int ReportedShifts = 5;

    /// <summary>
    /// The failed nodes with paired items, each explained once: a node under one already explained is left out, since
    /// its items and shifts are in its ancestor's (largest drops first), so a regressed leaf under a regressed root is one section.
    /// </summary>
    private static List<Explanation> Explain(GatePolicy policy, PolicyNode tree, List<NodeComparison> nodes, Scorecard baseline, Scorecard candidate)
    {
        var parents = nodes.ToDictionary(n => n.Id, n => n.Parent, StringComparer.Ordinal);
        var failed = nodes.Where(n => n.Status is NodeStatus.Regression or NodeStatus.Floor or NodeStatus.PassAll && n.Items.Matched is > 0)
            .Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        bool UnderAnother(string id)
        {
            for (var p = parents.GetValueOrDefault(id); p is not null; p = parents.GetValueOrDefault(p))
            {
                if (failed.Contains(p))
                {
                    return true;
                }
            }

            return false;
        }

        return tree.DescendantsAndSelf().Where(n => failed.Contains(n.Id) && !UnderAnother(n.Id))
            .Select(n => Explainer.Of(policy, n, baseline, candidate).Top(policy.Report.Examples, ReportedShifts))
            .Where(e => e.Paired > 0)
            .ToList();
    }

    /// <summary>The policy's tree, or without one the candidate's own benchmarks under one root.</summary>
    public static PolicyNode TreeOf(GatePolicy policy, Scorecard candidate) =>
        policy.Goodness ?? ScorecardTree.From(candidate, SourceSpan.None(policy.File));

    private sealed record PairedDraws(double[] Baseline, double[] Candidate, PairingCounts Counts);

    private static Dictionary<string, PairedDraws> Pair(GatePolicy policy, PolicyNode tree, Scorecard baseline, Scorecard candidate)
    {
        var both = tree.Leaves()
            .Select(leaf => (leaf.Id, Baseline: baseline.Find(leaf.Id)?.Items, Candidate: candidate.Find(leaf.Id)))
            .Where(l => l.Baseline is not null && l.Candidate?.Items is not null)
            .ToList();
        // Each leaf from its own stream, so spreading them over the cores leaves the bytes as they are; the first leaf
        // in tree order that fails is the one reported, as in one loop.
        var drawn = Parallelism.InOrder(both, l =>
        {
            var draws = PairedLeaf.Draw(l.Baseline!, l.Candidate!.Items!, policy.Samples, TreeSampler.UniformFor(policy.Seed, PairedStream, l.Id));
            if (draws is { Counts: var counts } && policy.Gate.MaxUnmatched is { } max && counts.UnmatchedFraction > max)
            {
                throw new InputException(
                    l.Candidate.File ?? l.Id,
                    string.Create(CultureInfo.InvariantCulture, $"benchmark '{l.Id}': {counts.OnlyBaseline} items only in the baseline and {counts.OnlyCandidate} only in the candidate ({counts.UnmatchedFraction:P1} of {counts.Matched + counts.OnlyBaseline + counts.OnlyCandidate}), above gate.max_unmatched {max:P1}"));
            }

            return draws;
        });
        var paired = new Dictionary<string, PairedDraws>(StringComparer.Ordinal);
        for (var i = 0; i < both.Count; i++)
        {
            if (drawn[i] is { } draws)
            {
                paired[both[i].Id] = new PairedDraws(draws.Baseline, draws.Candidate, draws.Counts);
            }
        }

        return paired;
    }

    /// <summary>
    /// One side's draws of every node: its paired leaves' draws as <paramref name="paired"/> gives them (drawn jointly with
    /// the other side's), every other leaf from its own posterior.
    /// </summary>
    internal static Dictionary<string, double[]> DrawSide(PolicyNode tree, Scorecard card, string stream, GatePolicy policy, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double[]>? paired = null)
    {
        var unpaired = new List<(string Id, BetaPosterior Posterior)>();
        foreach (var leaf in tree.Leaves())
        {
            if (paired?.ContainsKey(leaf.Id) != true && card.Find(leaf.Id) is { IsLeaf: true, Alpha: { } a, Beta: { } b })
            {
                unpaired.Add((leaf.Id, new BetaPosterior(a, b)));
            }
        }

        var leafDraws = TreeSampler.DrawEach(unpaired, policy.Samples, policy.Seed, stream);
        foreach (var (id, draws) in paired ?? new Dictionary<string, double[]>())
        {
            leafDraws[id] = draws;
        }

        return TreeSampler.Combine(tree, leafDraws, weights, policy.Samples);
    }

    private static int? NodeN(PolicyNode tree, string id, Scorecard card)
    {
        var node = tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == id);
        return node is null ? null : card.Find(id)?.N ?? SumN(node, card);
    }

    /// <summary>What every node's comparison needs: the policy, the rule outcomes, both scorecards, their draws and the paired leaves.</summary>
    private sealed record Sides(
        GatePolicy Policy,
        IReadOnlyList<RuleOutcome> Outcomes,
        Scorecard Baseline,
        Scorecard Candidate,
        Dictionary<string, double[]> BaseDraws,
        Dictionary<string, double[]> CandDraws,
        Dictionary<string, PairedDraws> Paired);

    /// <summary>Appends <paramref name="node"/> and its descendants, parents first.</summary>
    private static void AddNodes(PolicyNode node, string? parent, Sides sides, List<NodeComparison> nodes)
    {
        var policy = sides.Policy;
        var mine = sides.Outcomes.Where(o => o.Node == node.Id).ToList();
        var margin = mine.FirstOrDefault(o => o.Margin is not null)?.Margin ?? policy.Gate.Margin;
        var delta = DeltaStats.Of(sides.BaseDraws.GetValueOrDefault(node.Id), sides.CandDraws.GetValueOrDefault(node.Id), margin, policy.Level);
        var status = mine.Count > 0 ? RuleJudge.StatusOf(mine, delta, policy.Gate.Confidence) : RuleJudge.InformationalStatus(delta, policy.Gate.Confidence);
        var decisive = mine.FirstOrDefault(o => !o.Passed) ?? mine.FirstOrDefault();
        var counts = node.Leaves().Select(l => sides.Paired.GetValueOrDefault(l.Id)?.Counts).ToList();
        nodes.Add(new NodeComparison(
            node.Id,
            parent,
            node.IsLeaf ? ScorecardNode.BenchmarkKind : ScorecardNode.Group,
            mine.Any(o => o.Status != NodeStatus.Underpowered),
            status,
            decisive is null ? null : RuleAt(decisive.File, decisive.Line),
            delta,
            Items(node, sides, counts),
            delta is null ? MissingNote(node, sides.Baseline, sides.Candidate) : PairingNote(counts),
            mine.Select(o => o.MinDetectableDrop).FirstOrDefault(d => d is not null),
            mine.Select(o => o.ItemsNeeded).FirstOrDefault(d => d is not null),
            mine.Select(o => o.ItemsNeededDrop).FirstOrDefault(d => d is not null),
            sides.Candidate.Find(node.Id)?.Repeats));

        foreach (var child in node.Children)
        {
            AddNodes(child, node.Id, sides, nodes);
        }
    }

    private static NodeItems Items(PolicyNode node, Sides sides, List<PairingCounts?> counts)
    {
        int? Sum(Func<PairingCounts, int> pick) => counts.Any(c => c is not null) ? counts.Where(c => c is not null).Sum(c => pick(c!)) : null;
        return new NodeItems(
            sides.Baseline.Find(node.Id)?.N ?? SumN(node, sides.Baseline),
            sides.Candidate.Find(node.Id)?.N ?? SumN(node, sides.Candidate),
            counts.All(c => c is not null),
            Sum(c => c.Matched),
            Sum(c => c.OnlyBaseline),
            Sum(c => c.OnlyCandidate),
            Sum(c => c.Fixed),
            Sum(c => c.Broken),
            node.IsLeaf ? sides.Candidate.Find(node.Id)?.NEstimatedReason ?? sides.Baseline.Find(node.Id)?.NEstimatedReason : null);
    }

    private static string? PairingNote(List<PairingCounts?> counts)
    {
        var unpaired = counts.Count(c => c is null);
        return unpaired > 0 && unpaired < counts.Count
            ? $"{counts.Count - unpaired} of {counts.Count} benchmarks paired; the others lack per-item outcomes on one side"
            : null;
    }

    private static int? SumN(PolicyNode node, Scorecard card)
    {
        var ns = node.Leaves().Select(l => card.Find(l.Id)?.N).ToList();
        return ns.Count > 0 && ns.All(n => n is not null) ? ns.Sum() : null;
    }

    private static string MissingNote(PolicyNode node, Scorecard baseline, Scorecard candidate)
    {
        var inBaseline = node.Leaves().Where(l => baseline.Find(l.Id) is null).Select(l => l.Id).ToList();
        var inCandidate = node.Leaves().Where(l => candidate.Find(l.Id) is null).Select(l => l.Id).ToList();
        var parts = new List<string>();
        if (inBaseline.Count > 0)
        {
            parts.Add($"not in the baseline: {string.Join(", ", inBaseline)}");
        }

        if (inCandidate.Count > 0)
        {
            parts.Add($"not in the candidate: {string.Join(", ", inCandidate)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Where a rule is written: <c>mpg.yml:41</c>; a rule no file holds (the defaults without a policy) is <c>(default)</c>.</summary>
    public static string RuleAt(string file, int line) => line > 0 ? $"{Path.GetFileName(file)}:{line}" : "(default)";
}
