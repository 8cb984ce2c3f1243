using System.Text;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Reports;

/// <summary>
/// The PR comment and job summary: the verdict in one line, the gated nodes, then details folded.
/// Starts with a hidden marker so a later run can find and update the same comment.
/// </summary>
public static class VerdictMarkdown
{
    public static string Marker(string gateName) => $"<!-- mpg-gate:{gateName} -->";

    /// <summary>A hidden last line saying pass, inconclusive or fail, so <c>mpg comment</c> can apply <c>on-regression</c> to a report made earlier.</summary>
    public static string VerdictMarker(VerdictResult result) => $"<!-- mpg-verdict:{Spelling.Of(result)} -->";

    /// <summary>The gate name and whether the gate failed, from a rendered report's markers; null where it has no gate marker.</summary>
    public static (string Name, bool? Passed)? ReadMarkers(string markdown)
    {
        const string head = "<!-- mpg-gate:";
        var start = markdown.IndexOf(head, StringComparison.Ordinal);
        var end = start < 0 ? -1 : markdown.IndexOf(" -->", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var name = markdown[(start + head.Length)..end];
        // An inconclusive gate did not fail: for on-regression it counts with the passes.
        bool? passed = markdown.Contains(VerdictMarker(VerdictResult.Pass), StringComparison.Ordinal) || markdown.Contains(VerdictMarker(VerdictResult.Inconclusive), StringComparison.Ordinal) ? true
            : markdown.Contains(VerdictMarker(VerdictResult.Fail), StringComparison.Ordinal) ? false
            : null;
        return (name, passed);
    }

    public static string Render(Verdict verdict)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Marker(verdict.Name));
        sb.AppendLine(Headline(verdict));
        sb.AppendLine();
        sb.AppendLine("| node | baseline → candidate | Δ (" + Numbers.Plain(verdict.Level * 100, "0") + "% interval) | P(regression) | |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var node in verdict.Nodes.Where(n => n.Gated || n.Parent == "goodness" || n.Parent is null))
        {
            sb.AppendLine(Row(node, verdict));
        }

        sb.AppendLine(FastnessRow(verdict.Fastness));
        sb.AppendLine();
        sb.AppendLine(
            $"{Pairing(verdict)} · {Numbers.Count(verdict.Samples)} draws · seed {verdict.Seed} · " +
            $"correction {Spelling.Of(verdict.Correction)} · baseline: {MarkdownText.Code(verdict.Baseline)} ({MarkdownText.Escape(verdict.BaselineModel)}) · candidate: {MarkdownText.Escape(verdict.CandidateModel)}");
        sb.AppendLine();
        if (verdict.HistoryOutage is { } outage)
        {
            sb.AppendLine(
                $"⚠️ **{(outage.NotRecorded ? "Not recorded" : "History unavailable")}**: the history {MarkdownText.Code(outage.Store)} failed " +
                $"({MarkdownText.Escape(outage.Message)}): {MarkdownText.Escape(outage.Consequences)} (`history_errors: warn`).");
            sb.AppendLine();
        }

        foreach (var node in verdict.Nodes.Where(n => n.NEstimatedReason is not null))
        {
            sb.AppendLine($"n of {Label(node.Id)} estimated: {MarkdownText.Escape(node.NEstimatedReason!)}");
            sb.AppendLine();
        }

        Differences(sb, verdict.Differences);
        RuleList(sb, "Failed rules", verdict.Rules.Where(r => !r.Passed).ToList());
        RuleList(sb, "Inconclusive rules", verdict.Rules.Where(r => r.Passed && r.Status == NodeStatus.Inconclusive).ToList());
        sb.Append(ExplanationReport.CommentSections(verdict.Explanations, verdict.Level));

        foreach (var group in verdict.Nodes.Where(n => n.Kind == "group"))
        {
            var leaves = verdict.Nodes.Where(n => n.Parent == group.Id && n.Kind != "group").ToList();
            if (leaves.Count == 0)
            {
                continue;
            }

            sb.AppendLine($"<details><summary>{Label(group.Id)}: benchmarks</summary>");
            sb.AppendLine();
            sb.AppendLine("| benchmark | n (baseline / candidate) | baseline → candidate | Δ (interval) | P(regression) | items fixed / broken | |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var leaf in leaves)
            {
                sb.AppendLine(
                    $"| {MarkdownText.Escape(leaf.Id)} | {Numbers.Count(leaf.BaselineN)} / {Numbers.Count(leaf.CandidateN)} | {Numbers.Points(leaf.BaselineMean)} → {Numbers.Points(leaf.CandidateMean)} | " +
                    $"{Interval(leaf)} | {Numbers.Probability(leaf.PRegression)} | {(leaf.Paired ? $"{Numbers.Count(leaf.Fixed)} / {Numbers.Count(leaf.Broken)}" : "unpaired")} | {Icon(leaf.Status)} {Spelling.Of(leaf.Status)} |");
            }

            foreach (var leaf in leaves.Where(l => l.Repeats is not null))
            {
                sb.AppendLine();
                sb.AppendLine($"Repeats in the candidate, {MarkdownText.Escape(leaf.Id)}:{TextReport.Repeats(leaf.Repeats)[2..]}");
            }

            sb.AppendLine();
            sb.AppendLine("</details>");
            sb.AppendLine();
        }

        sb.Append(TrendMarkdown.Render(verdict));
        sb.AppendLine(VerdictMarker(verdict.Result));
        var power = verdict.Nodes.Where(n => n.Gated && n.MinDetectableDrop is not null).ToList();
        if (power.Count > 0)
        {
            sb.AppendLine("<details><summary>Smallest drop each gated node can detect (80% power)</summary>");
            sb.AppendLine();
            sb.AppendLine(string.Join(" · ", power.Select(n => $"{Label(n.Id)} {Numbers.Points(n.MinDetectableDrop)} pts")));
            sb.AppendLine();
            sb.AppendLine("</details>");
            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>"What differs between the runs": model A → B, n-shot 5 → 0, at a glance.</summary>
    private static void Differences(StringBuilder sb, IReadOnlyList<Difference> differences)
    {
        if (differences.Count == 0)
        {
            return;
        }

        sb.AppendLine("<details open><summary>What differs between the runs</summary>");
        sb.AppendLine();
        sb.AppendLine("| benchmark | setting | baseline → candidate | kind |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var d in differences)
        {
            sb.AppendLine($"| {(d.Benchmark is null ? "(all)" : MarkdownText.Escape(d.Benchmark))} | {MarkdownText.Escape(d.Setting)} | {MarkdownText.Escape(RunDifferences.Short(d.Baseline))} → {MarkdownText.Escape(RunDifferences.Short(d.Candidate))} | {(d.Kind == DifferenceKind.Measurement ? "⚠️ measurement" : "setup")} |");
        }

        sb.AppendLine();
        sb.AppendLine("</details>");
        sb.AppendLine();
    }

    private static void RuleList(StringBuilder sb, string title, List<RuleOutcome> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        sb.AppendLine($"<details open><summary>{title}</summary>");
        sb.AppendLine();
        foreach (var rule in rules)
        {
            sb.AppendLine($"- {MarkdownText.Code(Comparer.RuleAt(rule.File, rule.Line))} {MarkdownText.Escape(rule.Message)}");
        }

        sb.AppendLine();
        sb.AppendLine("</details>");
        sb.AppendLine();
    }

    /// <summary>"Paired on 1,000 of 1,020 items" where items were matched, else why not.</summary>
    private static string Pairing(Verdict verdict)
    {
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        if (root?.MatchedItems is not { } matched)
        {
            return "Unpaired (per-item outcomes not on both sides)";
        }

        var total = matched + (root.OnlyBaseline ?? 0) + (root.OnlyCandidate ?? 0);
        return root.Paired
            ? $"Paired on {Numbers.Count(matched)} of {Numbers.Count(total)} items"
            : $"Partly paired: {Numbers.Count(matched)} items matched; some benchmarks unpaired";
    }

    public static string Headline(Verdict verdict)
    {
        var name = MarkdownText.Code(verdict.Name);
        var root = verdict.Nodes.FirstOrDefault(n => n.Parent is null);
        if (verdict.Passed)
        {
            var summary = root?.Delta is null ? string.Empty : $" — Goodness {Numbers.Points(root.BaselineMean)} → {Numbers.Points(root.CandidateMean)} ({Numbers.SignedPoints(root.Delta)} pts)";
            var warn = verdict.Fastness.Status == FastnessStatus.Warn ? $", Fastness ×{Numbers.Plain(verdict.Fastness.Ratio, "0.00")} below {Numbers.Plain(verdict.Fastness.MinRatio, "0.00")}" : string.Empty;
            return $"### ✅ MPG gate {name}: pass{summary}{warn}";
        }

        var failing = verdict.Failed
            ? verdict.Rules.Where(r => !r.Passed).Select(r => r.Node).ToHashSet(StringComparer.Ordinal)
            : verdict.Rules.Where(r => r.Status == NodeStatus.Inconclusive).Select(r => r.Node).ToHashSet(StringComparer.Ordinal);
        var reasons = verdict.Nodes.Where(n => n.Gated && failing.Contains(n.Id))
            .Select(n => n.Status switch
            {
                NodeStatus.Regression => $"{Label(n.Id)} regressed ({Numbers.SignedPoints(n.Delta)} pts, P = {Numbers.Probability(n.PRegression)})",
                NodeStatus.Floor => $"{Label(n.Id)} below its floor ({Numbers.Points(n.CandidateMean)})",
                NodeStatus.PassAll => $"{Label(n.Id)} pass^k {Numbers.Points(PassAllRule(verdict, n.Id)?.PassAll)} below {Numbers.Points(PassAllRule(verdict, n.Id)?.MinPassAll)}",
                NodeStatus.Required => $"{Label(n.Id)}: {RequiredBroken(verdict, n.Id)}",
                NodeStatus.Inconclusive => $"{Label(n.Id)} inconclusive ({Numbers.SignedPoints(n.Delta)} pts{ItemsNeeded(n)})",
                NodeStatus.Drift => $"{Label(n.Id)} drifted ({Numbers.SignedPoints(verdict.Drift?.Delta)} pts against the last {verdict.Drift?.Records} records on {MarkdownText.Escape(verdict.Drift?.Branch ?? "")}, P = {Numbers.Probability(verdict.Drift?.PRegression)})",
                _ => $"{Label(n.Id)} has no data",
            })
            .ToList();
        if (verdict.Fastness.Status == FastnessStatus.Fail)
        {
            reasons.Add($"Fastness ×{Numbers.Plain(verdict.Fastness.Ratio, "0.00")} below {Numbers.Plain(verdict.Fastness.MinRatio, "0.00")}");
        }

        return verdict.Failed
            ? $"### ❌ MPG gate {name}: {string.Join("; ", reasons)}"
            : $"### ⚠️ MPG gate {name}: inconclusive — {string.Join("; ", reasons)}";
    }

    private static RuleOutcome? PassAllRule(Verdict verdict, string node) =>
        verdict.Rules.FirstOrDefault(r => r.Node == node && r.Kind == RuleKind.PassAll && !r.Passed);

    /// <summary>"required items 'q17' (score 1 → 0) broke", from the failed required rule's message.</summary>
    private static string RequiredBroken(Verdict verdict, string node)
    {
        var message = verdict.Rules.First(r => r.Node == node && r.Kind == RuleKind.Required && !r.Passed).Message;
        return MarkdownText.Escape(message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
    }

    /// <summary>", about 1,400 more items would decide a 2-point drop" where the node is short of them.</summary>
    private static string ItemsNeeded(NodeComparison node) =>
        node.ItemsNeeded is { } needed && node.CandidateN is { } now && needed > now
            ? $", about {Numbers.Count(Planning.ItemsNeeded.About(needed - now))} more items would decide a {Numbers.Plain(node.ItemsNeededDrop * 100, "0.#")}-point drop"
            : string.Empty;

    private static string Row(NodeComparison node, Verdict verdict)
    {
        var label = Label(node.Id);
        if (node.Gated)
        {
            label = $"**{label}**";
        }

        var rule = verdict.Rules.FirstOrDefault(r => r.Node == node.Id && !r.Passed) ?? verdict.Rules.FirstOrDefault(r => r.Node == node.Id);
        var status = node.Status switch
        {
            NodeStatus.Regression when node.Gated => $"❌ regression (margin {Numbers.Points(rule?.Margin)})",
            NodeStatus.Floor => $"❌ below floor {Numbers.Points(rule?.Floor)}",
            NodeStatus.PassAll => $"❌ pass^k {Numbers.Points(rule?.PassAll)} below min_pass_all {Numbers.Points(rule?.MinPassAll)}",
            NodeStatus.Drift => "❌ drift (see below)",
            NodeStatus.Missing => node.Gated ? "❌ missing data" : "⚠️ missing data",
            NodeStatus.Regression => "⚠️ drop (not gated)",
            NodeStatus.Improvement => "🟢 improvement",
            NodeStatus.Underpowered => $"⚪ underpowered (n below min_n {Numbers.Count(rule?.MinN)}), not gated",
            NodeStatus.Required => "❌ required item broke",
            NodeStatus.Inconclusive when node.Gated => $"⚠️ inconclusive: neither worse nor shown within margin {Numbers.Points(rule?.Margin)}{ItemsNeeded(node)}",
            NodeStatus.Inconclusive => "⚠️ inconclusive (not gated)",
            _ => node.PRegression is >= 0.5 ? "✅ unchanged (within margin; drop not significant)" : "✅ unchanged",
        };
        return $"| {label} | {Numbers.Points(node.BaselineMean)} → {Numbers.Points(node.CandidateMean)} | {Interval(node)} | {Numbers.Probability(node.PRegression)} | {status} |";
    }

    private static string FastnessRow(FastnessComparison f)
    {
        // ✅ is kept for nodes shown not worse and for a passing verdict; a Fastness rule that holds is 🟢.
        var icon = f.Status switch { FastnessStatus.Fail => "❌", FastnessStatus.Warn => "⚠️", FastnessStatus.Unknown => "—", _ => "🟢" };
        var ratio = f.Ratio is null ? "—"
            : f.RatioLower is null ? $"×{Numbers.Plain(f.Ratio, "0.00")}"
            : $"×{Numbers.Plain(f.Ratio, "0.00")} ({Numbers.Plain(f.RatioLower, "0.00")}, {Numbers.Plain(f.RatioUpper, "0.00")})";
        return $"| Fastness ({Spelling.Of(f.Metric)}) | {Numbers.Plain(f.Baseline, "0.##")} → {Numbers.Plain(f.Candidate, "0.##")} | {ratio} | — | {icon} {(f.Note is null ? string.Empty : MarkdownText.Escape(f.Note))} |";
    }

    private static string Interval(NodeComparison node) =>
        node.Delta is null ? "—" : $"{Numbers.SignedPoints(node.Delta)} ({Numbers.SignedPoints(node.DeltaLower)}, {Numbers.SignedPoints(node.DeltaUpper)})";

    private static string Icon(NodeStatus status) => status switch
    {
        NodeStatus.Regression or NodeStatus.Floor or NodeStatus.PassAll or NodeStatus.Missing or NodeStatus.Inconclusive or NodeStatus.Required => "⚠️",
        NodeStatus.Regression or NodeStatus.Floor or NodeStatus.Missing or NodeStatus.Drift => "⚠️",
        NodeStatus.Improvement => "🟢",
        _ => "✅",
    };

    private static string Label(string id) => id == "goodness" ? "Goodness" : MarkdownText.Escape(id);
}
