using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// Judges <c>gate.required</c>: an item listed there that the baseline answered correctly (score 1) and the
/// candidate did not (a lower score, or no answer at all) fails the gate, whatever the statistics say. An entry
/// that cannot be checked (the baseline has no per-item outcomes, a listed id is not in it) fails closed.
/// </summary>
internal static class RequiredJudge
{
    public static IEnumerable<RuleOutcome> Judge(GatePolicy policy, PolicyNode tree, Scorecard baseline, Scorecard candidate)
    {
        foreach (var required in policy.Gate.Required)
        {
            var leaf = tree.Leaves().FirstOrDefault(l => l.Benchmark == required.Benchmark || l.Id == required.Benchmark)
                ?? throw new PolicyException(required.Span, $"gate.required names benchmark '{required.Benchmark}', which is not a leaf of the goodness tree");
            var baseItems = baseline.Find(leaf.Id)?.Items;
            var candItems = candidate.Find(leaf.Id)?.Items;
            if (baseItems is null || candItems is null)
            {
                var side = baseItems is null ? "baseline" : "candidate";
                yield return Outcome(required, leaf.Id, NodeStatus.Missing, false, $"{leaf.Id}: the {side} has no per-item outcomes, so its required items cannot be checked; a required case that cannot be checked fails");
                continue;
            }

            var baseScores = Scores(baseItems);
            var candScores = Scores(candItems);
            var unknown = required.Items.Where(id => !baseScores.ContainsKey(id)).ToList();
            var broken = required.Items
                .Where(id => baseScores.TryGetValue(id, out var b) && b >= 1 && !(candScores.TryGetValue(id, out var c) && c >= 1))
                .Select(id => candScores.TryGetValue(id, out var c) ? $"'{id}' (score 1 → {c:0.##})" : $"'{id}' (absent in the candidate)")
                .ToList();
            if (broken.Count > 0)
            {
                yield return Outcome(required, leaf.Id, NodeStatus.Required, false, $"{leaf.Id}: required item{(broken.Count > 1 ? "s" : string.Empty)} {string.Join(", ", broken)} broke: correct in the baseline, not in the candidate");
            }
            else if (unknown.Count > 0)
            {
                yield return Outcome(required, leaf.Id, NodeStatus.Missing, false, $"{leaf.Id}: required item{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(u => $"'{u}'"))} not in the baseline's items; check the ids");
            }
            else
            {
                yield return Outcome(required, leaf.Id, NodeStatus.Ok, true, $"{leaf.Id}: the {required.Items.Count} required items hold");
            }
        }
    }

    private static Dictionary<string, double> Scores(ItemTable items)
    {
        var scores = new Dictionary<string, double>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            scores[items.Ids[i]] = items.Scores[i];
        }

        return scores;
    }

    private static RuleOutcome Outcome(RequiredItems required, string node, NodeStatus status, bool passed, string message) =>
        new(node, RuleKind.Required, required.Span.File, required.Span.Line, required.Span.Column, null, null, null, null, status, passed, message);
}
