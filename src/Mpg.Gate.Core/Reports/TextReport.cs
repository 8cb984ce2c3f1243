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
                node.IsLeaf ? $"{node.Metric} ({node.Source}{(node.NEstimated == true ? ", n estimated" : string.Empty)})" : string.Empty,
            ]);
        }

        var sb = new StringBuilder();
        sb.AppendLine($"{card.Model} · policy {card.PolicyName} · {Numbers.Count(card.Samples)} draws · seed {card.Seed}");
        sb.Append(Table(rows));
        sb.AppendLine(card.Fastness.Value is { } v
            ? $"Fastness: {Numbers.Plain(v, "0.##")} {Spelling.Of(card.Fastness.Metric)} ({card.Fastness.Scope} level: {Numbers.Count(card.Fastness.Items)} items in {Numbers.Plain(card.Fastness.WallSeconds, "0.#")} s)"
            : $"Fastness: unknown ({card.Fastness.Note})");
        return sb.ToString();
    }

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
            ? $"paired on {Numbers.Count(matched)} items ({Numbers.Count(root.OnlyBaseline)} only in the baseline, {Numbers.Count(root.OnlyCandidate)} only in the candidate){(root.Paired ? string.Empty : "; some benchmarks unpaired")}"
            : "unpaired: per-item outcomes are not on both sides");
        var power = verdict.Nodes.Where(n => n.Gated && n.MinDetectableDrop is not null).Select(n => $"{n.Id} {Numbers.Points(n.MinDetectableDrop)}").ToList();
        if (power.Count > 0)
        {
            sb.AppendLine($"smallest drop detectable with 80% power (pts): {string.Join(" · ", power)}");
        }

        foreach (var rule in verdict.Rules.Where(r => !r.Passed))
        {
            sb.AppendLine($"FAILED {Path.GetFileName(rule.File)}:{rule.Line}: {rule.Message}");
        }

        return sb.ToString();
    }

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

    private static string Table(List<string[]> rows)
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
