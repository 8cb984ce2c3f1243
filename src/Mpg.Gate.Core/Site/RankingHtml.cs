using System.Globalization;
using System.Text;
using Mpg.Gate.Ranking;

namespace Mpg.Gate.Site;

/// <summary>
/// A ranking (<c>mpg.ranking/1</c>) as a page: the ranked table with intervals and rank intervals, the Pareto plot
/// with its numbers in that table, the ranking by each group node, and the correlations with a reference where given.
/// </summary>
public static class RankingHtml
{
    /// <summary>The page on its own, as <c>mpg rank --html DIR</c> writes it.</summary>
    public static string Page(Ranking.Ranking ranking, string footer)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return SiteFrame.Page($"MPG ranking · {ranking.PolicyName}", "", [(SiteBuilder.RankingLabel, "index.html")], SiteBuilder.RankingLabel, Body(ranking), footer);
    }

    public static string Body(Ranking.Ranking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var c = CultureInfo.InvariantCulture;
        var level = Numbers.Plain(ranking.Level * 100, "0");
        var metric = Spelling.Of(ranking.FastnessMetric);
        var sb = new StringBuilder();
        sb.Append("<h1>Ranking · ").Append(HtmlText.Escape(ranking.PolicyName)).Append("</h1>\n");
        sb.Append(c, $"<p class=\"muted\">{ranking.Models.Count} models, {Numbers.Count(ranking.Samples)} draws, seed {ranking.Seed}, {level}% credible intervals. The rank interval is the {level}% interval of the model's rank over the joint posterior draws; P(&gt; next) is the share of draws in which it beats the model below. ★ marks the Goodness/Fastness Pareto front{(ParetoAxis.Cost(ranking) is null ? "" : " and, under cost front, the Goodness/cost one")}.</p>\n");

        var fastness = ParetoAxis.Fastness(ranking);
        var cost = ParetoAxis.Cost(ranking);
        sb.Append("<div class=\"pair\">\n");
        if (!Figure(sb, ranking, fastness))
        {
            sb.Append("<p class=\"muted\">No model's inputs give Fastness, so there is no Pareto plot.</p>\n");
        }

        sb.Append("<div class=\"numbers\"><table class=\"ranking\">\n<thead><tr><th class=\"num\">rank</th><th>model</th><th class=\"num\">Goodness</th><th class=\"num\">")
            .Append(level).Append("% interval</th><th class=\"num\">rank interval</th><th class=\"num\">P(&gt; next)</th><th class=\"num\">Fastness (").Append(HtmlText.Escape(metric)).Append(")</th><th>Pareto</th>").Append(cost is null ? "" : "<th class=\"num\">cost / 1k</th><th>cost front</th>").Append("</tr></thead>\n<tbody>\n");
        foreach (var m in ranking.Models)
        {
            sb.Append(c, $"<tr><td class=\"num\">{m.Rank}</td><td>{HtmlText.Escape(m.Label)}{(m.Renormalised is null ? "" : " <span class=\"muted\">(renormalised)</span>")}</td>");
            sb.Append(c, $"<td class=\"num\">{Numbers.Points(m.Goodness.Mean)}</td><td class=\"num\">{Numbers.Points(m.Goodness.Lower)} – {Numbers.Points(m.Goodness.Upper)}</td>");
            sb.Append(c, $"<td class=\"num\">{Interval(m.RankLower, m.RankUpper)}</td><td class=\"num\">{Numbers.Probability(m.PAboveNext)}</td><td class=\"num\">{Numbers.Plain(m.Fastness, fastness.Format)}</td><td>{(m.Pareto ? "★" : "")}</td>");
            sb.Append(cost is null ? "" : $"<td class=\"num\">{Numbers.Plain(m.CostPer1k, cost.Format)}</td><td>{(m.CostPareto == true ? "★" : "")}</td>").Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table></div>\n</div>\n");
        if (cost is not null)
        {
            sb.Append("<div class=\"pair\">\n");
            Figure(sb, ranking, cost);
            sb.Append("</div>\n");
        }

        var groups = ranking.Models.SelectMany(m => m.Nodes.Where(n => n.Value.RankLower is not null).Select(n => n.Key)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var node in groups)
        {
            sb.Append("<h2>by ").Append(HtmlText.Escape(node)).Append("</h2>\n<table class=\"by-node\">\n<thead><tr><th class=\"num\">rank</th><th>model</th><th class=\"num\">mean</th><th class=\"num\">")
                .Append(level).Append("% interval</th><th class=\"num\">rank interval</th><th class=\"num\">P(&gt; next)</th></tr></thead>\n<tbody>\n");
            foreach (var (m, n) in ranking.Models.Where(m => m.Nodes.ContainsKey(node)).Select(m => (m, m.Nodes[node])).OrderBy(x => x.Item2.Rank))
            {
                sb.Append(c, $"<tr><td class=\"num\">{n.Rank}</td><td>{HtmlText.Escape(m.Label)}</td><td class=\"num\">{Numbers.Points(n.Mean)}</td><td class=\"num\">{Numbers.Points(n.Lower)} – {Numbers.Points(n.Upper)}</td>");
                sb.Append(c, $"<td class=\"num\">{(n.RankLower is { } lo ? Interval(lo, n.RankUpper!.Value) : "—")}</td><td class=\"num\">{Numbers.Probability(n.PAboveNext)}</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        foreach (var d in ranking.Dropped)
        {
            sb.Append("<p>Not ranked: ").Append(HtmlText.Escape(d.Label)).Append(" lacks ").Append(HtmlText.Escape(string.Join(", ", d.Missing))).Append(" (missing: ").Append(Spelling.Of(ranking.Missing)).Append(")</p>\n");
        }

        foreach (var note in ranking.Notes)
        {
            sb.Append("<p class=\"muted\">Note: ").Append(HtmlText.Escape(note)).Append("</p>\n");
        }

        Correlations(sb, ranking, level);
        return sb.ToString();
    }

    private static void Correlations(StringBuilder sb, Ranking.Ranking ranking, string level)
    {
        if (ranking.Correlations is not { } correlations || ranking.Reference is not { } reference)
        {
            return;
        }

        sb.Append("<h2>Correlation with the reference</h2>\n<p class=\"muted\">").Append(HtmlText.Escape(Path.GetFileName(reference.File)))
            .Append(CultureInfo.InvariantCulture, $", {reference.Matched} models in common; {level}% bootstrap intervals over models. “Goodness − this” compares Goodness with the single benchmark on the same resamples.</p>\n");
        sb.Append("<table class=\"correlations\">\n<thead><tr><th>score</th><th class=\"num\">n</th><th class=\"num\">Pearson</th><th class=\"num\">Spearman</th><th class=\"num\">Kendall τ-b</th><th class=\"num\">Goodness − this: Pearson</th><th class=\"num\">Spearman</th></tr></thead>\n<tbody>\n");
        foreach (var r in correlations)
        {
            sb.Append("<tr><td>").Append(HtmlText.Escape(r.Of)).Append("</td><td class=\"num\">").Append(r.N.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">")
                .Append(Triple(r.Pearson)).Append("</td><td class=\"num\">").Append(Triple(r.Spearman)).Append("</td><td class=\"num\">").Append(Triple(r.Kendall)).Append("</td><td class=\"num\">")
                .Append(r.GoodnessMinusThis is { } d ? Triple(d.Pearson) : "").Append("</td><td class=\"num\">").Append(r.GoodnessMinusThis is { } e ? Triple(e.Spearman) : "").Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (reference.NotInReference.Count > 0)
        {
            sb.Append("<p>Not in the reference: ").Append(HtmlText.Escape(string.Join(", ", reference.NotInReference))).Append("</p>\n");
        }

        if (reference.NotInInputs.Count > 0)
        {
            sb.Append("<p>In the reference, not ranked: ").Append(HtmlText.Escape(string.Join(", ", reference.NotInInputs))).Append("</p>\n");
        }
    }

    /// <summary>Goodness against one axis, the models that have a value on it; false where none has.</summary>
    private static bool Figure(StringBuilder sb, Ranking.Ranking ranking, ParetoAxis axis)
    {
        var placed = ranking.Models.Where(m => axis.Value(m) is not null).ToList();
        if (placed.Count == 0)
        {
            return false;
        }

        var points = placed.Select(m => new ParetoPoint(axis.Value(m)!.Value, m.Goodness.Mean, m.Goodness.Lower, m.Goodness.Upper, axis.OnFront(m),
            $"{m.Label}: Goodness {Numbers.Points(m.Goodness.Mean)} ({Numbers.Points(m.Goodness.Lower)} – {Numbers.Points(m.Goodness.Upper)}), {axis.Name} {Numbers.Plain(axis.Value(m), axis.Format)}, rank {Interval(m.RankLower, m.RankUpper)}{(axis.OnFront(m) ? ", on the Pareto front" : "")}")).ToList();
        sb.Append("<figure>").Append(SvgChart.Pareto(points, $"Goodness against {axis.What} ({axis.Name}) of {placed.Count} models", $"{axis.What}: {axis.Name}", axis.HigherIsBetter)).Append("</figure>\n");
        return true;
    }

    private static string Interval(int lower, int upper) => lower == upper
        ? lower.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{lower}–{upper}");

    private static string Triple(Estimate e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Value:0.000;−0.000} ({e.Lower:0.000;−0.000}, {e.Upper:0.000;−0.000})");
}
