using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mpg.Gate.Comparison;
using Mpg.Gate.History;
using Mpg.Gate.Reports;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Site;

/// <summary>One gate of the store with its records, oldest first, and the verdict each was recorded with (null where none was kept).</summary>
public sealed record SiteGate(string Name, IReadOnlyList<(HistoryRecord Record, Verdict? Verdict)> Records);

/// <param name="MainBranch">The branch whose records make the trend line and the overview's latest verdict.</param>
/// <param name="RepositoryUrl">Where commits and pull requests link to (<c>https://github.com/OWNER/NAME</c>); none where null.</param>
/// <param name="Footer">The line at the bottom of every page (tool version, time of the data).</param>
public sealed record SiteSettings(string MainBranch, string? RepositoryUrl, string Footer);

/// <summary>
/// The dashboard as pages: <c>index.html</c> (every gate: latest verdict on main, Goodness and Fastness with intervals,
/// a sparkline, drift), <c>gates/NAME.html</c> (each group node's trend with its band and a table of its numbers),
/// <c>records/ID.html</c> (the PR comment of each record) and <c>ranking.html</c> when a ranking is given. Pages link
/// to each other by relative paths, so the folder works from anywhere.
/// </summary>
public static partial class SiteBuilder
{
    public const string Overview = "Overview";
    public const string RankingLabel = "Ranking";

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotFileNameChars();

    public static IReadOnlyList<SitePage> Build(IReadOnlyList<SiteGate> gates, Ranking.Ranking? ranking, SiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(settings);
        var files = GateFiles(gates);
        var nav = new List<(string, string)> { (Overview, "index.html") };
        nav.AddRange(gates.Select(g => (g.Name, files[g.Name])));
        if (ranking is not null)
        {
            nav.Add((RankingLabel, "ranking.html"));
        }

        var pages = new List<SitePage> { new("index.html", SiteFrame.Page("MPG dashboard", "", nav, Overview, OverviewBody(gates, files, ranking is not null, settings), settings.Footer)) };
        foreach (var gate in gates)
        {
            pages.Add(new(files[gate.Name], SiteFrame.Page($"MPG · {gate.Name}", "../", nav, gate.Name, GateBody(gate, settings), settings.Footer)));
            // The record pages are most of the work and independent of each other: rendered on every core, kept in order.
            pages.AddRange(gate.Records.AsParallel().AsOrdered().WithDegreeOfParallelism(Parallelism.Degree).Select(r =>
                new SitePage(RecordFile(r.Record), SiteFrame.Page($"MPG · {gate.Name} · record {r.Record.Entry.Id}", "../", nav, gate.Name, RecordBody(r.Record, r.Verdict, settings), settings.Footer))));
        }

        if (ranking is not null)
        {
            pages.Add(new("ranking.html", SiteFrame.Page($"MPG ranking · {ranking.PolicyName}", "", nav, RankingLabel, RankingHtml.Body(ranking), settings.Footer)));
        }

        return pages;
    }

    /// <summary><c>gates/NAME.html</c>, the name kept to file-name characters; names that collide so get a number.</summary>
    private static Dictionary<string, string> GateFiles(IReadOnlyList<SiteGate> gates)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var gate in gates)
        {
            var stem = NotFileNameChars().Replace(gate.Name, "_");
            var name = stem;
            for (var i = 2; !taken.Add(name); i++)
            {
                name = $"{stem}-{i.ToString(CultureInfo.InvariantCulture)}";
            }

            files[gate.Name] = $"gates/{name}.html";
        }

        return files;
    }

    private static string RecordFile(HistoryRecord record) => $"records/{record.Entry.Id.ToString(CultureInfo.InvariantCulture)}.html";

    private static string OverviewBody(IReadOnlyList<SiteGate> gates, Dictionary<string, string> files, bool hasRanking, SiteSettings settings)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>MPG dashboard</h1>\n");
        if (gates.Count == 0)
        {
            sb.Append("<p>The history holds no record yet: record main's runs with <code>mpg gate --record</code>.</p>\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Each gate's latest record on <code>{HtmlText.Escape(settings.MainBranch)}</code>: its verdict, Goodness with its credible interval, Fastness, the trend of Goodness (every record on {HtmlText.Escape(settings.MainBranch)}) and the drift rule's last finding.</p>\n");
            sb.Append("<table class=\"overview\">\n<thead><tr><th>gate</th><th>latest</th><th>verdict</th><th class=\"num\">Goodness</th><th class=\"num\">interval</th><th class=\"num\">Fastness</th><th>trend</th><th>drift</th><th class=\"num\">records</th></tr></thead>\n<tbody>\n");
            foreach (var gate in gates)
            {
                var main = gate.Records.Where(r => r.Record.Entry.Branch == settings.MainBranch).ToList();
                var (latest, verdict) = main.Count > 0 ? main[^1] : gate.Records[^1];
                var card = latest.Scorecard;
                var spark = main.Select(r => r.Record.Scorecard.Goodness.Mean).ToList();
                var drift = main.Select(r => r.Verdict?.Drift).LastOrDefault(d => d is not null);
                sb.Append("<tr><td><a href=\"").Append(HtmlText.Escape(files[gate.Name])).Append("\">").Append(HtmlText.Escape(gate.Name)).Append("</a></td>");
                sb.Append("<td><a href=\"").Append(RecordFile(latest)).Append("\">").Append(HtmlText.Escape(latest.Entry.Branch)).Append(" @ ").Append(HtmlText.Escape(latest.Entry.ShortCommit)).Append("</a><br><span class=\"muted\">").Append(HtmlText.Escape(latest.Entry.RecordedAt)).Append("<br>").Append(HtmlText.Escape(latest.Entry.Model)).Append("</span></td>");
                sb.Append("<td>").Append(Badge(latest.Entry.Verdict)).Append("</td>");
                sb.Append("<td class=\"num\">").Append(Numbers.Points(card.Goodness.Mean)).Append("</td><td class=\"num\">").Append(Numbers.Points(card.Goodness.Lower)).Append(" – ").Append(Numbers.Points(card.Goodness.Upper)).Append("</td>");
                sb.Append("<td class=\"num\">").Append(Fastness(card, verdict)).Append("</td>");
                sb.Append("<td>").Append(SvgChart.Sparkline(spark, $"Goodness of {gate.Name} on {settings.MainBranch}, {spark.Count} records")).Append(' ')
                    .Append(spark.Count == 0 ? "" : $"<span class=\"muted\">{Numbers.Points(spark.Min())}–{Numbers.Points(spark.Max())}</span>").Append("</td>");
                sb.Append("<td>").Append(drift is null ? "<span class=\"muted\">not gated</span>" : DriftText(drift)).Append("</td>");
                sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{main.Count} on {HtmlText.Escape(settings.MainBranch)}, {gate.Records.Count - main.Count} other</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        if (hasRanking)
        {
            sb.Append("<p><a href=\"ranking.html\">The ranking of models</a></p>\n");
        }

        return sb.ToString();
    }

    private static string Fastness(Scorecard card, Verdict? verdict)
    {
        var value = card.Fastness.Value is { } v ? $"{Numbers.Plain(v, "0.##")} {Spelling.Of(card.Fastness.Metric)}" : "—";
        if (verdict?.Fastness is { Ratio: { } ratio } f)
        {
            value += f.RatioLower is { } lo && f.RatioUpper is { } hi
                ? $"<br><span class=\"muted\">×{Numbers.Plain(ratio, "0.00")} ({Numbers.Plain(lo, "0.00")}, {Numbers.Plain(hi, "0.00")}) of its baseline</span>"
                : $"<br><span class=\"muted\">×{Numbers.Plain(ratio, "0.00")} of its baseline (no interval: no per-item timings)</span>";
        }

        return value;
    }

    private static string DriftText(DriftComparison drift)
    {
        var status = drift.Status == NodeStatus.Drift ? "<span class=\"verdict fail\">drift</span>" : "<span class=\"verdict pass\">no drift</span>";
        return drift.Delta is null
            ? status
            : $"{status} <span class=\"muted\">Δ {Numbers.SignedPoints(drift.Delta)} ({Numbers.SignedPoints(drift.DeltaLower)}, {Numbers.SignedPoints(drift.DeltaUpper)}) vs last {drift.Records.ToString(CultureInfo.InvariantCulture)}</span>";
    }

    private static string Badge(string? verdict) =>
        verdict is null ? "<span class=\"verdict recorded\">recorded</span>" : $"<span class=\"verdict {HtmlText.Escape(verdict)}\">{HtmlText.Escape(verdict)}</span>";

    private static string GateBody(SiteGate gate, SiteSettings settings)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(HtmlText.Escape(gate.Name)).Append("</h1>\n");
        sb.Append("<p class=\"legend\"><span><i class=\"key band\"></i>credible band of ").Append(HtmlText.Escape(settings.MainBranch)).Append("</span><span><i class=\"key main\"></i>")
            .Append(HtmlText.Escape(settings.MainBranch)).Append(" record</span><span><i class=\"key pullRequest\"></i>pull request</span><span><i class=\"key branch\"></i>other branch</span>")
            .Append("<span><i class=\"key regression\"></i>regression (or floor, missing, required) of this node</span><span><i class=\"key drift\"></i>drift</span></p>\n");
        sb.Append("<p class=\"muted\">Each point links to its record's verdict; hover for its numbers. The tables hold every charted number.</p>\n");
        var level = gate.Records.Count > 0 ? Numbers.Plain(gate.Records[^1].Record.Scorecard.Level * 100, "0") : "95";
        foreach (var node in GroupNodes(gate))
        {
            var rows = gate.Records.Where(r => r.Record.Scorecard.Find(node) is not null).ToList();
            var points = rows.Select(r => Point(r.Record, r.Verdict, node, settings)).ToList();
            var label = Label(node);
            sb.Append(CultureInfo.InvariantCulture, $"<section class=\"node\" id=\"node-{HtmlText.Escape(NotFileNameChars().Replace(node, "_"))}\">\n<h2>{HtmlText.Escape(label)}</h2>\n<div class=\"pair\">\n<figure>");
            sb.Append(SvgChart.Trend(points, $"{label} of {gate.Name} over time, {level}% credible band"));
            sb.Append("</figure>\n<div class=\"numbers\"><table>\n<thead><tr><th>recorded</th><th>branch @ commit</th><th>PR</th><th class=\"num\">mean</th><th class=\"num\">").Append(level).Append("% interval</th><th>status</th></tr></thead>\n<tbody>\n");
            for (var i = rows.Count - 1; i >= 0; i--)
            {
                var (record, verdict) = rows[i];
                var n = record.Scorecard.Find(node)!;
                sb.Append("<tr><td>").Append(HtmlText.Escape(record.Entry.RecordedAt[..Math.Min(10, record.Entry.RecordedAt.Length)])).Append("</td><td><a href=\"../").Append(RecordFile(record)).Append("\">")
                    .Append(HtmlText.Escape(record.Entry.Branch)).Append(" @ ").Append(HtmlText.Escape(record.Entry.ShortCommit)).Append("</a></td><td>")
                    .Append(record.Entry.PullRequest is { } pr ? Link(settings, $"pull/{pr.ToString(CultureInfo.InvariantCulture)}", $"#{pr.ToString(CultureInfo.InvariantCulture)}") : "")
                    .Append("</td><td class=\"num\">").Append(Numbers.Points(n.Mean)).Append("</td><td class=\"num\">").Append(Numbers.Points(n.Lower)).Append(" – ").Append(Numbers.Points(n.Upper))
                    .Append("</td><td>").Append(HtmlText.Escape(Status(record, verdict, node))).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table></div>\n</div>\n</section>\n");
        }

        return sb.ToString();
    }

    /// <summary>The group nodes of the gate's records, in the order of its latest scorecard, then any that left the tree.</summary>
    private static List<string> GroupNodes(SiteGate gate)
    {
        var ids = new List<string>();
        foreach (var (record, _) in gate.Records.Reverse())
        {
            ids.AddRange(record.Scorecard.Nodes.Where(n => n.Kind == ScorecardNode.Group && !ids.Contains(n.Id)).Select(n => n.Id));
        }

        return ids;
    }

    private static ChartPoint Point(HistoryRecord record, Verdict? verdict, string node, SiteSettings settings)
    {
        var entry = record.Entry;
        var n = record.Scorecard.Find(node)!;
        var kind = entry.Branch == settings.MainBranch ? PointKind.Main : entry.PullRequest is not null ? PointKind.PullRequest : PointKind.Branch;
        var at = DateTimeOffset.Parse(entry.RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var status = Status(record, verdict, node);
        var where = $"{entry.Branch} @ {entry.ShortCommit}{(entry.PullRequest is { } pr ? $" (PR #{pr.ToString(CultureInfo.InvariantCulture)})" : "")}";
        var tip = $"{entry.RecordedAt} · {where} · {Label(node)} {Numbers.Points(n.Mean)} ({Numbers.Points(n.Lower)} – {Numbers.Points(n.Upper)}) · {status}";
        return new ChartPoint(at.ToUnixTimeSeconds(), n.Mean, n.Lower, n.Upper, "../" + RecordFile(record), tip, kind, Mark(record, verdict, node));
    }

    private static PointMark Mark(HistoryRecord record, Verdict? verdict, string node)
    {
        if (verdict is null)
        {
            return record.Entry.Verdict == Spelling.Of(VerdictResult.Fail) && record.Scorecard.Nodes.FirstOrDefault()?.Id == node ? PointMark.Failed : PointMark.None;
        }

        // A drop against the baseline outweighs drift against the window: it is the finding of that one change.
        if (verdict.Nodes.FirstOrDefault(n => n.Id == node) is { Gated: true, Status: NodeStatus.Regression or NodeStatus.Floor or NodeStatus.Missing or NodeStatus.Required })
        {
            return PointMark.Regression;
        }

        return verdict.Drift is { Status: NodeStatus.Drift } drift && drift.Node == node ? PointMark.Drift : PointMark.None;
    }

    /// <summary>The node's status in the record's verdict, else the record's verdict, else "recorded".</summary>
    private static string Status(HistoryRecord record, Verdict? verdict, string node) =>
        verdict?.Nodes.FirstOrDefault(n => n.Id == node) is { } n
            ? Spelling.Of(n.Status) + (n.Gated ? "" : " (not gated)")
            : record.Entry.Verdict ?? "recorded";

    private static string RecordBody(HistoryRecord record, Verdict? verdict, SiteSettings settings)
    {
        var entry = record.Entry;
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(HtmlText.Escape(entry.Gate)).Append(" · record ").Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append("</h1>\n");
        sb.Append("<table class=\"facts\"><tbody>\n");
        sb.Append("<tr><th>branch</th><td>").Append(HtmlText.Escape(entry.Branch)).Append("</td></tr>\n");
        sb.Append("<tr><th>commit</th><td>").Append(Link(settings, $"commit/{Uri.EscapeDataString(entry.Commit)}", entry.Commit)).Append("</td></tr>\n");
        if (entry.PullRequest is { } pr)
        {
            sb.Append("<tr><th>pull request</th><td>").Append(Link(settings, $"pull/{pr.ToString(CultureInfo.InvariantCulture)}", $"#{pr.ToString(CultureInfo.InvariantCulture)}")).Append("</td></tr>\n");
        }

        sb.Append("<tr><th>recorded</th><td>").Append(HtmlText.Escape(entry.RecordedAt)).Append("</td></tr>\n");
        sb.Append("<tr><th>model</th><td>").Append(HtmlText.Escape(entry.Model)).Append("</td></tr>\n");
        sb.Append("<tr><th>verdict</th><td>").Append(Badge(entry.Verdict)).Append("</td></tr>\n");
        sb.Append("<tr><th>mpg</th><td>").Append(HtmlText.Escape(entry.ToolVersion)).Append("</td></tr>\n</tbody></table>\n");
        if (verdict is not null)
        {
            sb.Append("<h2>The verdict, as the PR comment gave it</h2>\n<div class=\"comment\">\n");
            sb.Append(MarkdownHtml.Render(VerdictMarkdown.Render(verdict), TrendTable(verdict)));
            sb.Append("</div>\n");
        }
        else
        {
            sb.Append(entry.Verdict is null
                ? "<p class=\"muted\">Recorded without a gate (<code>mpg history record</code>): the scorecard alone.</p>\n"
                : "<p class=\"muted\">Gated by an mpg that kept only the verdict's outcome, not its details: the scorecard alone.</p>\n");
            sb.Append(MarkdownHtml.Render(ScorecardMarkdown.Render(record.Scorecard)));
        }

        return sb.ToString();
    }

    /// <summary>The numbers of the PR comment's Mermaid trend, as a table (the gate page has the chart).</summary>
    private static string TrendTable(Verdict verdict)
    {
        if (verdict.Trend is not { Count: > 0 } trend)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("<table class=\"trend\"><thead><tr><th>recorded</th><th>commit</th><th class=\"num\">Goodness</th></tr></thead><tbody>\n");
        foreach (var p in trend)
        {
            sb.Append("<tr><td>").Append(HtmlText.Escape(p.RecordedAt)).Append("</td><td>").Append(HtmlText.Escape(p.Branch)).Append(" @ ").Append(HtmlText.Escape(p.Commit))
                .Append("</td><td class=\"num\">").Append(Numbers.Points(p.Goodness)).Append("</td></tr>\n");
        }

        return sb.Append("</tbody></table>\n").ToString();
    }

    /// <summary>A link into the repository where its URL is known, else the text alone.</summary>
    private static string Link(SiteSettings settings, string path, string text) =>
        HtmlText.Url(settings.RepositoryUrl is { } url ? url.TrimEnd('/') + "/" + path : null) is { } href
            ? $"<a href=\"{href}\">{HtmlText.Escape(text)}</a>"
            : HtmlText.Escape(text);

    private static string Label(string id) => id == "goodness" ? "Goodness" : id;
}
