using System.Text;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Reports;

/// <summary>A scorecard as a Markdown table (<c>mpg score --format markdown</c>).</summary>
public static class ScorecardMarkdown
{
    public static string Render(Scorecard card)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"### MPG score {MarkdownText.Code(card.PolicyName)}: {MarkdownText.Escape(card.Model)} — Goodness {Numbers.Points(card.Goodness.Mean)} ({Numbers.Points(card.Goodness.Lower)}, {Numbers.Points(card.Goodness.Upper)})");
        sb.AppendLine();
        sb.AppendLine($"| node | n | mean | {Numbers.Plain(card.Level * 100, "0")}% interval | source |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var node in card.Nodes)
        {
            var source = node.IsLeaf ? $"{MarkdownText.Escape(node.Metric ?? string.Empty)} ({node.Source}{(node.NEstimated == true ? ", n estimated" : string.Empty)}){TextReport.Repeats(node.Repeats)}" : string.Empty;
            var label = node.IsLeaf ? MarkdownText.Escape(node.Id) : $"**{MarkdownText.Escape(node.Id)}**";
            sb.AppendLine($"| {label} | {Numbers.Count(node.N)} | {Numbers.Points(node.Mean)} | {Numbers.Points(node.Lower)} – {Numbers.Points(node.Upper)} | {source} |");
        }

        sb.AppendLine();
        foreach (var node in card.Nodes.Where(n => n.NEstimatedReason is not null))
        {
            sb.AppendLine($"- n of {MarkdownText.Escape(node.Id)} estimated: {MarkdownText.Escape(node.NEstimatedReason!)}");
        }

        sb.AppendLine(card.Fastness.Value is { } v
            ? $"Fastness: {Numbers.Plain(v, "0.##")} {Spelling.Of(card.Fastness.Metric)} ({card.Fastness.Scope} level) · {Numbers.Count(card.Samples)} draws · seed {card.Seed}"
            : $"Fastness: unknown ({MarkdownText.Escape(card.Fastness.Note ?? string.Empty)}) · {Numbers.Count(card.Samples)} draws · seed {card.Seed}");
        return sb.ToString();
    }
}
