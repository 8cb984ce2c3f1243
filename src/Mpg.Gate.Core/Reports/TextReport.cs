using System.Text;
using Mpg.Gate.Comparison;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Reports;

/// <summary>Plain-text tables for a terminal or a CI log.</summary>
public static class TextReport
{
    public static string Scorecard(Scorecard card)
    {
        var rows = new List<string[]> { new[] { "node", "n", "mean", "sd", $"{Numbers.Plain(card.Level * 100, "0")}% interval", "source" } };
        foreach (var node in card.Nodes)
        {
            var depth = Depth(node.Id, card.Nodes.ToDictionary(n => n.Id, n => n.Parent, StringComparer.Ordinal));
            rows.Add([
                new string(' ', depth * 2) + node.Id,
                Numbers.Count(node.N),
                Numbers.Points(node.Mean),
                Numbers.Points(node.Sd),
                $"{Numbers.Points(node.Lower)} – {Numbers.Points(node.Upper)}",
                node.IsLeaf ? $"{node.Metric} ({node.Source}{(node.NEstimated == true ? ", n estimated" : string.Empty)}){Repeats(node.Repeats)}" : string.Empty,
            ]);
        }

        var sb = new StringBuilder();
        sb.AppendLine($"{card.Model} · policy {card.PolicyName} · {Numbers.Count(card.Samples)} draws · seed {card.Seed}");
        sb.Append(Table(rows));
        foreach (var node in card.Nodes.Where(n => n.NEstimatedReason is not null))
        {
            sb.AppendLine($"n of {node.Id} estimated: {node.NEstimatedReason}");
        }

        sb.AppendLine(card.Fastness.Value is { } v
            ? $"Fastness: {Numbers.Plain(v, "0.##")} {Spelling.Of(card.Fastness.Metric)} ({card.Fastness.Scope} level: {Items(card.Fastness.Items)}{(card.Fastness.WallSeconds is { } s ? $" in {Numbers.Plain(s, "0.#")} s" : ", from per-item latencies")})"
            : $"Fastness: unknown ({card.Fastness.Note})");
        return sb.ToString();
    }

    private static string Items(long? count) => count == 1 ? "1 item" : $"{Numbers.Count(count)} items";

    public static string Verdict(Verdict verdict)
    {
        var rows = new List<string[]> { new[] { "node", "baseline → candidate", $"Δ ({Numbers.Plain(verdict.Level * 100, "0")}% interval)", "P(regression)", "status", "rule" } };
        foreach (var node in verdict.Nodes.Where(n => n.Gated || n.Parent is null || n.Parent == "goodness"))
        {
            rows.Add([
                node.Id,
                $"{Numbers.Points(node.BaselineMean)} → {Numbers.Points(node.CandidateMean)}",
                node.Delta is null ? "—" : $"{Numbers.SignedPoints(node.Delta)} ({Numbers.SignedPoints(node.DeltaLower)}, {Numbers.SignedPoints(node.DeltaUpper)})",
                Numbers.Probability(node.PRegression),
                node.Gated ? Spelling.Of(node.Status) : Spelling.Of(node.Status) + " (not gated)",
                node.Rule ?? string.Empty,
            ]);
        }

        var f = verdict.Fastness;
        var ratio = f.Ratio is null ? "—" : f.RatioLower is null ? $"×{Numbers.Plain(f.Ratio, "0.00")}" : $"×{Numbers.Plain(f.Ratio, "0.00")} ({Numbers.Plain(f.RatioLower, "0.00")}, {Numbers.Plain(f.RatioUpper, "0.00")})";
        rows.Add([$"fastness ({Spelling.Of(f.Metric)})", $"{Numbers.Plain(f.Baseline, "0.##")} → {Numbers.Plain(f.Candidate, "0.##")}", ratio, f.PBelow is null ? "—" : $"P(<min) {Numbers.Probability(f.PBelow)}", Spelling.Of(f.Status), string.Empty]);

        var sb = new StringBuilder();
        sb.AppendLine($"MPG gate {verdict.Name}: {Spelling.Of(verdict.Result).ToUpperInvariant()} · baseline {verdict.BaselineModel} ({verdict.Baseline}) → candidate {verdict.CandidateModel}");
        sb.Append(Table(rows));
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        sb.AppendLine(root?.MatchedItems is { } matched
            ? $"paired on {Items(matched)}: {Numbers.Count(root.Fixed)} fixed, {Numbers.Count(root.Broken)} broken ({Numbers.Count(root.OnlyBaseline)} only in the baseline, {Numbers.Count(root.OnlyCandidate)} only in the candidate){(root.Paired ? string.Empty : "; some benchmarks unpaired")}"
            : "unpaired: per-item outcomes are not on both sides");
        var power = verdict.Nodes.Where(n => n.Gated && n.MinDetectableDrop is not null).Select(n => $"{n.Id} {Numbers.Points(n.MinDetectableDrop)}").ToList();
        if (power.Count > 0)
        {
            sb.AppendLine($"smallest drop detectable with 80% power (pts): {string.Join(" · ", power)}");
        }

        foreach (var d in verdict.Differences)
        {
            sb.AppendLine($"differs ({Spelling.Of(d.Kind)}): {d.Benchmark ?? "all"} {d.Setting} {RunDifferences.Short(d.Baseline)} → {RunDifferences.Short(d.Candidate)}");
        }

        foreach (var node in verdict.Nodes.Where(n => n.NEstimatedReason is not null))
        {
            sb.AppendLine($"n of {node.Id} estimated: {node.NEstimatedReason}");
        }

        if (root?.MatchedItems is not null)
        {
            // The scorecard's Beta(successes + 1, failures + 1) and the paired 2×2 table's Dirichlet (one pseudo-item per
            // cell) shrink toward 50 by different amounts: on 50 items 92% reads 90.4 scored and 88.9 here.
            sb.AppendLine("means are the paired posterior's (binary: one pseudo-item per cell of the 2×2 table), a little nearer 50 than mpg score's");
        }

        foreach (var rule in verdict.Rules.Where(r => !r.Passed || r.Status == NodeStatus.Inconclusive))
        {
            sb.AppendLine($"{(rule.Passed ? "INCONCLUSIVE" : "FAILED")} {Comparer.RuleAt(rule.File, rule.Line)}: {rule.Message}");
        }

        return sb.ToString();
    }

    public static string Plan(Planning.Plan plan)
    {
        var rows = new List<string[]> { new[] { "node", "paired", "items now", "items needed", "to detect", "margin", "α", "detects now", "discordance / sd" } };
        foreach (var node in plan.Nodes)
        {
            rows.Add([
                node.Id,
                node.Paired ? "yes" : "no",
                Numbers.Count(node.ItemsNow),
                node.ItemsNeeded is { } needed ? Numbers.Count(needed) : "never (drop within margin)",
                $"−{Numbers.Points(node.Drop)} pts",
                Numbers.Points(node.Margin),
                Numbers.Plain(node.Alpha, "0.####"),
                $"−{Numbers.Points(node.DetectableDrop)} pts",
                node.Discordance is { } psi ? $"ψ {Numbers.Plain(psi, "0.000")}" : $"sd {Numbers.Plain(node.SdDiff, "0.000")}",
            ]);
        }

        var sb = new StringBuilder();
        sb.AppendLine($"MPG plan {plan.Name}: items each gated node needs to detect the drop at {Numbers.Plain(plan.Power * 100, "0")}% power · baseline {plan.BaselineModel} ({plan.Baseline}){(plan.CandidateModel is { } c ? $" · paired with {c}" : string.Empty)}");
        sb.Append(Table(rows));
        return sb.ToString();
    }

    /// <summary>" · k 5: 1 flaky, pass^k 60.0, pass@k 70.0" for a leaf whose items were answered several times.</summary>
    internal static string Repeats(RepeatSummary? repeats) =>
        repeats is { } r ? $" · k {r.K}: {Numbers.Count(r.Flaky)} flaky, pass^k {Numbers.Points(r.PassAll)}, pass@k {Numbers.Points(r.PassAny)}" : string.Empty;

    private static int Depth(string id, Dictionary<string, string?> parents)
    {
        var depth = 0;
        while (parents.TryGetValue(id, out var parent) && parent is not null)
        {
            depth++;
            id = parent;
        }

        return depth;
    }

    internal static string Table(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        return sb.ToString();
    }
}
