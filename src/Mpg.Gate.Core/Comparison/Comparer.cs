using System.Globalization;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

public sealed record GateContext(string ToolVersion, DateTimeOffset CreatedAt, string BaselineLabel)
{
    public string CreatedAtText => CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Compares a candidate scorecard with a baseline scorecard under the policy's tree and rules.
/// Leaves are drawn independently on each side (unpaired) from the posteriors the scorecards carry;
/// Δ draws combine up the tree with one set of weights, so both sides average the same mix.
/// </summary>
public static class Comparer
{
    public const string BaselineStream = "baseline";
    public const string CandidateStream = "candidate";

    public static Verdict Compare(GatePolicy policy, Scorecard baseline, Scorecard candidate, GateContext context)
    {
        var tree = policy.Goodness ?? ScorecardTree.From(candidate, SourceSpan.None(policy.File));
        var weights = TreeWeights.Compute(tree, id => candidate.Find(id)?.N ?? baseline.Find(id)?.N);
        var baseDraws = Draw(tree, baseline, BaselineStream, policy, weights);
        var candDraws = Draw(tree, candidate, CandidateStream, policy, weights);

        var rules = policy.Gate.Rules.Count > 0
            ? policy.Gate.Rules
            : [new PolicyRule(PolicyNode.RootId, null, null, null, SourceSpan.None(policy.File))];
        var outcomes = RuleJudge.Judge(policy, rules, baseDraws, candDraws);

        var nodes = new List<NodeComparison>();
        AddNodes(tree, null, policy, outcomes, baseline, candidate, baseDraws, candDraws, nodes);
        var fastness = FastnessJudge.Judge(policy.Gate.Fastness, baseline.Fastness, candidate.Fastness);
        var passed = outcomes.All(o => o.Passed) && fastness.Status != FastnessJudge.Fail;
        return new Verdict(
            Verdict.SchemaId,
            policy.Name,
            passed ? Verdict.Pass : Verdict.Fail,
            context.CreatedAtText,
            context.ToolVersion,
            context.BaselineLabel,
            baseline.Model,
            candidate.Model,
            policy.Seed,
            policy.Samples,
            policy.Level,
            policy.Gate.Correction.ToString().ToLowerInvariant(),
            nodes,
            outcomes,
            fastness);
    }

    private static Dictionary<string, double[]> Draw(PolicyNode tree, Scorecard card, string stream, GatePolicy policy, IReadOnlyDictionary<string, double> weights)
    {
        var leafDraws = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var leaf in tree.Leaves())
        {
            if (card.Find(leaf.Id) is { IsLeaf: true, Alpha: { } a, Beta: { } b })
            {
                leafDraws[leaf.Id] = TreeSampler.DrawLeaf(new BetaPosterior(a, b), policy.Samples, TreeSampler.RandomFor(policy.Seed, stream, leaf.Id));
            }
        }

        return TreeSampler.Combine(tree, leafDraws, weights, policy.Samples);
    }

    private static void AddNodes(
        PolicyNode node,
        string? parent,
        GatePolicy policy,
        IReadOnlyList<RuleOutcome> outcomes,
        Scorecard baseline,
        Scorecard candidate,
        Dictionary<string, double[]> baseDraws,
        Dictionary<string, double[]> candDraws,
        List<NodeComparison> nodes)
    {
        var mine = outcomes.Where(o => o.Node == node.Id).ToList();
        var margin = mine.FirstOrDefault(o => o.Margin is not null)?.Margin ?? policy.Gate.Margin;
        var delta = DeltaStats.Of(baseDraws.GetValueOrDefault(node.Id), candDraws.GetValueOrDefault(node.Id), margin, policy.Level);
        var status = mine.Count > 0 ? RuleJudge.StatusOf(mine, delta, policy.Gate.Confidence) : RuleJudge.InformationalStatus(delta, policy.Gate.Confidence);
        var decisive = mine.FirstOrDefault(o => !o.Passed) ?? mine.FirstOrDefault();
        nodes.Add(new NodeComparison(
            node.Id,
            parent,
            node.IsLeaf ? ScorecardNode.BenchmarkKind : ScorecardNode.Group,
            mine.Count > 0,
            status,
            decisive is null ? null : $"{Path.GetFileName(decisive.File)}:{decisive.Line}",
            delta?.BaselineMean,
            delta?.CandidateMean,
            delta?.Delta.Mean,
            delta?.Delta.Lower,
            delta?.Delta.Upper,
            delta?.PRegression,
            delta?.PImprovement,
            Paired: false,
            baseline.Find(node.Id)?.N ?? SumN(node, baseline),
            candidate.Find(node.Id)?.N ?? SumN(node, candidate),
            delta is null ? MissingNote(node, baseline, candidate) : null));

        foreach (var child in node.Children)
        {
            AddNodes(child, node.Id, policy, outcomes, baseline, candidate, baseDraws, candDraws, nodes);
        }
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
}
