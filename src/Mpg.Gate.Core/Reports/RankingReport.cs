using System.Globalization;
using System.Text;
using Mpg.Gate.Ranking;

namespace Mpg.Gate.Reports;

/// <summary>A ranking as a terminal table, Markdown, or CSV: best first, intervals, rank intervals, Pareto marks, correlations.</summary>
public static class RankingReport
{
    public static string Text(Ranking.Ranking ranking, IReadOnlyList<string> byNodes)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(byNodes);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"MPG ranking · policy {ranking.PolicyName} · {ranking.Models.Count} models · {Numbers.Count(ranking.Samples)} draws · seed {ranking.Seed}");
        sb.Append(TextReport.Table(Rows(ranking, null, Level(ranking))));
        foreach (var node in byNodes)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"by {node}:");
            sb.Append(TextReport.Table(Rows(ranking, node, Level(ranking))));
        }

        Tail(sb, ranking, markdown: false);
        return sb.ToString();
    }

    public static string Markdown(Ranking.Ranking ranking, IReadOnlyList<string> byNodes)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(byNodes);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### MPG ranking: {MarkdownText.Escape(ranking.PolicyName)}").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{ranking.Models.Count} models, {Numbers.Count(ranking.Samples)} draws, seed {ranking.Seed}; ★ marks the Goodness/Fastness Pareto front{(ParetoAxis.Cost(ranking) is null ? "" : " and, under cost front, the Goodness/cost one")}.").AppendLine();
        MarkdownTable(sb, Rows(ranking, null, Level(ranking)));
        foreach (var node in byNodes)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**by {MarkdownText.Escape(node)}**").AppendLine();
            MarkdownTable(sb, Rows(ranking, node, Level(ranking)));
        }

        Tail(sb, ranking, markdown: true);
        return sb.ToString();
    }

    /// <summary>One row per model and node (<c>goodness</c> first), so a spreadsheet can pivot it.</summary>
    public static string Csv(Ranking.Ranking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("model,label,run_time,node,mean,lower,upper,rank,rank_lower,rank_upper,p_above_next,pareto,fastness,cost_per_1k,cost_pareto\n");
        foreach (var m in ranking.Models)
        {
            sb.Append(c, $"{Field(m.Model)},{Field(m.Label)},{Field(m.RunTime ?? "")},goodness,{R(m.Goodness.Mean)},{R(m.Goodness.Lower)},{R(m.Goodness.Upper)},{m.Rank},{m.RankLower},{m.RankUpper},{R(m.PAboveNext)},{Bool(m.Pareto)},{R(m.Fastness)},{R(m.CostPer1k)},{(m.CostPareto is { } onCostFront ? Bool(onCostFront) : "")}\n");
            foreach (var (id, n) in m.Nodes)
            {
                sb.Append(c, $"{Field(m.Model)},{Field(m.Label)},{Field(m.RunTime ?? "")},{Field(id)},{R(n.Mean)},{R(n.Lower)},{R(n.Upper)},{n.Rank},{n.RankLower},{n.RankUpper},{R(n.PAboveNext)},,,,\n");
            }
        }

        return sb.ToString();
    }

    private static string Level(Ranking.Ranking ranking) => Numbers.Plain(ranking.Level * 100, "0");

    private static List<string[]> Rows(Ranking.Ranking ranking, string? node, string level)
    {
        var fastness = ParetoAxis.Fastness(ranking);
        var cost = ParetoAxis.Cost(ranking);
        var header = node is null
            ? new[] { "rank", "model", "goodness", $"{level}% interval", "rank interval", "P(> next)", $"fastness ({Spelling.Of(ranking.FastnessMetric)})", "pareto" }
            : ["rank", "model", node, $"{level}% interval", "rank interval", "P(> next)"];
        var rows = new List<string[]> { node is null && cost is not null ? [.. header, "cost / 1k", "cost front"] : header };
        if (node is null)
        {
            rows.AddRange(ranking.Models.Select(m => new[]
            {
                m.Rank.ToString(CultureInfo.InvariantCulture),
                m.Renormalised is null ? m.Label : m.Label + " (renormalised)",
                Numbers.Points(m.Goodness.Mean),
                $"{Numbers.Points(m.Goodness.Lower)} – {Numbers.Points(m.Goodness.Upper)}",
                Interval(m.RankLower, m.RankUpper),
                Numbers.Probability(m.PAboveNext),
                Numbers.Plain(m.Fastness, fastness.Format),
                m.Pareto ? "★" : "",
            }.Concat(cost is not null ? [Numbers.Plain(m.CostPer1k, cost.Format), m.CostPareto == true ? "★" : ""] : []).ToArray()));
            return rows;
        }

        rows.AddRange(ranking.Models.Where(m => m.Nodes.ContainsKey(node)).Select(m => (m, n: m.Nodes[node])).OrderBy(x => x.n.Rank).Select(x => new[]
        {
            x.n.Rank.ToString(CultureInfo.InvariantCulture),
            x.m.Label,
            Numbers.Points(x.n.Mean),
            $"{Numbers.Points(x.n.Lower)} – {Numbers.Points(x.n.Upper)}",
            x.n.RankLower is { } lo ? Interval(lo, x.n.RankUpper!.Value) : "—",
            Numbers.Probability(x.n.PAboveNext),
        }));
        return rows;
    }

    private static string Interval(int lower, int upper) => lower == upper
        ? lower.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{lower}–{upper}");

    private static void Tail(StringBuilder sb, Ranking.Ranking ranking, bool markdown)
    {
        var c = CultureInfo.InvariantCulture;
        string E(string s) => markdown ? MarkdownText.Escape(s) : s;
        foreach (var d in ranking.Dropped)
        {
            sb.AppendLine(c, $"not ranked: {E(d.Label)} lacks {E(string.Join(", ", d.Missing))} (missing: {Spelling.Of(ranking.Missing)})");
        }

        foreach (var note in ranking.Notes)
        {
            sb.AppendLine(c, $"note: {E(note)}");
        }

        if (ranking.Correlations is { } correlations && ranking.Reference is { } reference)
        {
            sb.AppendLine().AppendLine(c, $"correlation with the reference ({E(Path.GetFileName(reference.File))}, {reference.Matched} models; {Level(ranking)}% bootstrap intervals over models):");
            var rows = new List<string[]> { new[] { "score", "n", "Pearson", "Spearman", "Kendall τ-b", "goodness − this: Pearson", "Spearman" } };
            rows.AddRange(correlations.Select(r => new[]
            {
                E(r.Of), r.N.ToString(c), Triple(r.Pearson), Triple(r.Spearman), Triple(r.Kendall),
                r.GoodnessMinusThis is { } d ? Triple(d.Pearson, signed: true) : "",
                r.GoodnessMinusThis is { } e ? Triple(e.Spearman, signed: true) : "",
            }));
            if (markdown)
            {
                sb.AppendLine();
                MarkdownTable(sb, rows);
            }
            else
            {
                sb.Append(TextReport.Table(rows));
            }

            if (reference.NotInReference.Count > 0)
            {
                sb.AppendLine(c, $"not in the reference: {E(string.Join(", ", reference.NotInReference))}");
            }

            if (reference.NotInInputs.Count > 0)
            {
                sb.AppendLine(c, $"in the reference, not ranked: {E(string.Join(", ", reference.NotInInputs))}");
            }
        }

        if (ranking.Fit is { } fit)
        {
            var verdict = fit.BeatsEqualWeights ? "fitting beats equal weights" : "fitting does NOT beat equal weights";
            sb.AppendLine().AppendLine(c, $"fitted weights ({fit.N} models): leave-one-out Pearson {Numbers.Plain(fit.LooPearson, "0.000")} (Spearman {Numbers.Plain(fit.LooSpearman, "0.000")}) vs equal weights {Numbers.Plain(fit.EqualPearson, "0.000")} (Spearman {Numbers.Plain(fit.EqualSpearman, "0.000")}): {verdict}");
            sb.AppendLine(markdown ? "```yaml" : "").Append(fit.PolicySnippet).AppendLine(markdown ? "```" : "");
        }
    }

    private static string Triple(Estimate e, bool signed = false)
    {
        string F(double v) => signed ? v.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture) : v.ToString("0.000;−0.000", CultureInfo.InvariantCulture);
        return $"{F(e.Value)} ({F(e.Lower)}, {F(e.Upper)})";
    }

    private static void MarkdownTable(StringBuilder sb, List<string[]> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        sb.AppendLine("|" + string.Concat(rows[0].Select((_, i) => i == 1 ? "---|" : "---:|")));
        foreach (var row in rows.Skip(1))
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select((cell, i) => i == 1 ? MarkdownText.Escape(cell) : cell)) + " |");
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string R(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
