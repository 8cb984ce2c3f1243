using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Reports;

/// <summary>
/// The history part of the PR comment: the drift rule's comparison, and a Mermaid <c>xychart-beta</c> of Goodness
/// over the branch's last records (GitHub renders Mermaid natively). Nothing from the inputs reaches Mermaid
/// unsanitised: labels keep letters, digits, '.', '_' and '-' only.
/// </summary>
public static partial class TrendMarkdown
{
    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotLabelChars();

    public static string Render(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        if (verdict.Drift is { Delta: not null } drift)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"<details{(drift.Status == NodeStatus.Drift ? " open" : "")}><summary>Drift of {Label(drift.Node)} against the last {drift.Records} records on {MarkdownText.Escape(drift.Branch)}</summary>");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"mean of the window {Numbers.Points(drift.ReferenceMean)} → candidate {Numbers.Points(drift.CandidateMean)}: Δ {Numbers.SignedPoints(drift.Delta)} ({Numbers.SignedPoints(drift.DeltaLower)}, {Numbers.SignedPoints(drift.DeltaUpper)}) pts, P(drop beyond the margin) = {Numbers.Probability(drift.PRegression)} · {(drift.Status == NodeStatus.Drift ? "❌ drift" : "✅ no drift")}");
            sb.AppendLine();
            sb.AppendLine("</details>");
            sb.AppendLine();
        }

        if (verdict.Trend is { Count: > 0 } trend)
        {
            var branch = Sanitise(trend[0].Branch);
            var values = trend.Select(p => p.Goodness * 100).ToList();
            var candidate = verdict.Nodes.FirstOrDefault(n => n.Parent is null)?.CandidateMean;
            var shown = candidate is { } c ? [.. values, c * 100] : values;
            var low = Math.Floor(shown.Min() - 0.5);
            var high = Math.Ceiling(shown.Max() + 0.5);
            sb.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>Trend of Goodness on {MarkdownText.Escape(trend[0].Branch)} (last {trend.Count}; this run {Numbers.Points(candidate)})</summary>");
            sb.AppendLine();
            sb.AppendLine("```mermaid");
            sb.AppendLine("xychart-beta");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  title \"Goodness on {branch}\"");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  x-axis [{string.Join(", ", trend.Select(p => Sanitise(p.Commit)))}]");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  y-axis \"Goodness\" {low:0} --> {high:0}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  line [{string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}]");
            sb.AppendLine("```");
            sb.AppendLine();
            sb.AppendLine("</details>");
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Sanitise(string text) => NotLabelChars().Replace(text, "_") is { Length: > 0 } clean ? clean : "_";

    private static string Label(string id) => id == "goodness" ? "Goodness" : MarkdownText.Escape(id);
}
