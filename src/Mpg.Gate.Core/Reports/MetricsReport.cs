using System.Globalization;
using System.Text;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Reports;

/// <summary>
/// The verdict as OpenMetrics text (GitLab's <c>artifacts:reports:metrics</c>, which the merge request widget
/// compares with the target branch's): per node the candidate's score and Δ in points, then Fastness. Labels
/// carry the gate and node names, escaped as the format says, so no name can add a metric.
/// </summary>
public static class MetricsReport
{
    public static string Render(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        Family(sb, "mpg_score", "Candidate score per node, in points (0-100).", verdict, n => n.CandidateMean * 100);
        Family(sb, "mpg_delta", "Candidate minus baseline per node, in points.", verdict, n => n.Delta * 100);
        sb.Append("# TYPE mpg_fastness gauge\n# HELP mpg_fastness Candidate Fastness (").Append(Spelling.Of(verdict.Fastness.Metric)).Append(").\n");
        if (verdict.Fastness.Candidate is { } fastness)
        {
            sb.Append("mpg_fastness{gate=\"").Append(Label(verdict.Name)).Append("\",metric=\"").Append(Spelling.Of(verdict.Fastness.Metric)).Append("\"} ").Append(Number(fastness)).Append('\n');
        }

        return sb.Append("# EOF\n").ToString();
    }

    private static void Family(StringBuilder sb, string name, string help, Verdict verdict, Func<NodeComparison, double?> value)
    {
        sb.Append("# TYPE ").Append(name).Append(" gauge\n# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        foreach (var node in verdict.Nodes)
        {
            if (value(node) is { } v && double.IsFinite(v))
            {
                sb.Append(name).Append("{gate=\"").Append(Label(verdict.Name)).Append("\",node=\"").Append(Label(node.Id)).Append("\"} ").Append(Number(v)).Append('\n');
            }
        }
    }

    /// <summary>OpenMetrics label values escape backslash, double quote and line feed.</summary>
    private static string Label(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static string Number(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
