using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Reports;

/// <summary>How <c>mpg explain</c> prints (<c>--format</c>); the names are a contract.</summary>
public enum ExplainFormat
{
    Text,
    Markdown,
    Csv,
    Jsonl,
}

/// <summary>
/// An explanation (<see cref="Explainer"/>) as the reviewer reads it: a folded "What changed" section of the PR comment,
/// the whole list as Markdown (<c>--explain-md</c>, <c>mpg explain --format markdown</c>), text, CSV or JSONL. Every
/// excerpt comes from model output or eval data: it is escaped wherever it is printed, never rendered as markup.
/// </summary>
public static class ExplanationReport
{
    /// <summary>Characters of each excerpt a comment table shows (the scorecard keeps more; <c>mpg explain</c> prints all it keeps).</summary>
    public const int CommentExcerptChars = 160;

    /// <summary>Characters the "What changed" sections of one comment may take together; the rest is left to <c>mpg explain</c>.</summary>
    public const int CommentBudget = 24_000;

    /// <summary>The comment's "What changed" sections, one per explained node, folded, within <see cref="CommentBudget"/>.</summary>
    public static string CommentSections(IReadOnlyList<Explanation> explanations, double level)
    {
        var sb = new StringBuilder();
        var shown = 0;
        foreach (var explanation in explanations)
        {
            var section = Section(explanation, level, CommentExcerptChars, folded: true, explainHint: true);
            if (sb.Length + section.Length > CommentBudget)
            {
                break;
            }

            sb.Append(section);
            shown++;
        }

        if (shown < explanations.Count)
        {
            var left = explanations.Skip(shown).Select(e => MarkdownText.Escape(e.Node));
            sb.AppendLine($"What changed under {string.Join(", ", left)} is left out to keep the comment short: `mpg explain --node ID` lists it.");
            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Every listed item of every explanation, unfolded: <c>--explain-md</c> and <c>mpg explain --format markdown</c>.</summary>
    public static string Markdown(IReadOnlyList<Explanation> explanations, double level)
    {
        var sb = new StringBuilder();
        foreach (var explanation in explanations)
        {
            sb.Append(Section(explanation, level, int.MaxValue, folded: false, explainHint: false));
        }

        return sb.ToString();
    }

    private static string Section(Explanation e, double level, int chars, bool folded, bool explainHint)
    {
        var sb = new StringBuilder();
        var title = $"What changed under {Label(e.Node)}: {Numbers.Count(e.Broken)} broken, {Numbers.Count(e.Fixed)} fixed of {Numbers.Count(e.Paired)} paired {Plural(e.Paired, "item", "items")}";
        if (folded)
        {
            sb.AppendLine($"<details><summary>{title}</summary>");
        }
        else
        {
            sb.AppendLine($"### {title}");
        }

        sb.AppendLine();
        if (e.Shifts.Count > 0)
        {
            var clustered = e.Shifts.Any(s => s.Cluster is not null);
            sb.AppendLine(clustered ? "Where it dropped most:" : "Per benchmark:");
            sb.AppendLine();
            sb.AppendLine($"| {(clustered ? "benchmark · cluster" : "benchmark")} | items | baseline → candidate | Δ ({Numbers.Plain(level * 100, "0")}% interval) | fixed / broken |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var s in e.Shifts)
            {
                var where = MarkdownText.Escape(s.Benchmark) + (s.Cluster is null ? "" : " · " + MarkdownText.Escape(s.Cluster));
                sb.AppendLine($"| {where} | {Numbers.Count(s.Items)} | {Numbers.Points(s.BaselineMean)} → {Numbers.Points(s.CandidateMean)} | {Numbers.SignedPoints(s.Delta)} ({Numbers.SignedPoints(s.DeltaLower)}, {Numbers.SignedPoints(s.DeltaUpper)}) | {Numbers.Count(s.Fixed)} / {Numbers.Count(s.Broken)} |");
            }

            sb.AppendLine();
        }

        ItemTable(sb, "Broken", e.Items.Where(i => i.Change == ItemChange.Broken).ToList(), e.Broken, chars);
        ItemTable(sb, "Fixed", e.Items.Where(i => i.Change == ItemChange.Fixed).ToList(), e.Fixed, chars);
        if (e.Unpaired.Count > 0)
        {
            sb.AppendLine($"Not paired (no per-item outcomes on both sides): {string.Join(", ", e.Unpaired.Select(MarkdownText.Escape))}.");
            sb.AppendLine();
        }

        if (explainHint && e.Items.Count < e.Broken + e.Fixed)
        {
            sb.AppendLine($"{Numbers.Count(e.Broken + e.Fixed - e.Items.Count)} more left out here: mpg explain --node {MarkdownText.Escape(e.Node)} lists every item.");
            sb.AppendLine();
        }

        if (folded)
        {
            sb.AppendLine("</details>");
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static void ItemTable(StringBuilder sb, string title, List<FlippedItem> items, int total, int chars)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.AppendLine(items.Count < total ? $"**{title}** ({Numbers.Count(items.Count)} of {Numbers.Count(total)}):" : $"**{title}** ({Numbers.Count(total)}):");
        sb.AppendLine();
        sb.AppendLine("| benchmark | item | input | target | baseline answer | candidate answer | score |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var i in items)
        {
            sb.AppendLine($"| {MarkdownText.Escape(i.Benchmark)} | {MarkdownText.Escape(i.Item)} | {Cell(i.Input, chars)} | {Cell(i.Target, chars)} | {Cell(Answer(i.BaselineAnswer, i.BaselineReason), chars)} | {Cell(Answer(i.CandidateAnswer, i.CandidateReason), chars)} | {Score(i.BaselineScore)} → {Score(i.CandidateScore)} |");
        }

        sb.AppendLine();
    }

    private static string? Answer(string? answer, string? reason) =>
        reason is null ? answer : answer is null ? $"({reason})" : $"{answer} ({reason})";

    /// <summary>An excerpt in a table cell: escaped (no HTML, mentions, links, code or table breaks), line breaks shown as ⏎, cut.</summary>
    private static string Cell(string? text, int chars)
    {
        if (text is null)
        {
            return "—";
        }

        var flat = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '⏎');
        return MarkdownText.Escape(Ingest.ItemExcerpt.Cut(flat, chars) ?? string.Empty);
    }

    /// <summary>The items as plain lines for a terminal: one block per item.</summary>
    public static string Text(IReadOnlyList<Explanation> explanations, double level)
    {
        var sb = new StringBuilder();
        foreach (var e in explanations)
        {
            sb.AppendLine($"{e.Node}: {e.Broken} broken, {e.Fixed} fixed of {e.Paired} paired {Plural(e.Paired, "item", "items")}");
            foreach (var s in e.Shifts)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Benchmark}{(s.Cluster is null ? "" : " · " + s.Cluster)}: {Numbers.Points(s.BaselineMean)} → {Numbers.Points(s.CandidateMean)}, Δ {Numbers.SignedPoints(s.Delta)} ({Numbers.SignedPoints(s.DeltaLower)}, {Numbers.SignedPoints(s.DeltaUpper)}) at {Numbers.Plain(level * 100, "0")}%, {s.Fixed} fixed / {s.Broken} broken of {s.Items}"));
            }

            foreach (var i in e.Items)
            {
                sb.AppendLine($"  {Spelling.Of(i.Change)} {i.Benchmark} #{i.Item}: {Score(i.BaselineScore)} → {Score(i.CandidateScore)}");
                Line(sb, "input", i.Input);
                Line(sb, "target", i.Target);
                Line(sb, "baseline", Answer(i.BaselineAnswer, i.BaselineReason));
                Line(sb, "candidate", Answer(i.CandidateAnswer, i.CandidateReason));
            }

            if (e.Unpaired.Count > 0)
            {
                sb.AppendLine($"  not paired: {string.Join(", ", e.Unpaired)}");
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string label, string? text)
    {
        if (text is not null)
        {
            sb.AppendLine($"    {label}: {text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\n      ", StringComparison.Ordinal)}");
        }
    }

    // One field of a table: its name, and its value as a string, a number or null. Each table is declared once and
    // written as CSV, JSONL and (flaky items) Markdown from it, so the formats cannot disagree on a column.
    private sealed record Field<T>(string Name, Func<T, object?> Value);

    private static readonly Field<FlippedItem>[] FlippedFields =
    [
        new("benchmark", i => i.Benchmark), new("item", i => i.Item), new("change", i => Spelling.Of(i.Change)),
        new("baselineScore", i => i.BaselineScore), new("candidateScore", i => i.CandidateScore), new("input", i => i.Input),
        new("target", i => i.Target), new("baselineAnswer", i => i.BaselineAnswer), new("candidateAnswer", i => i.CandidateAnswer),
    ];

    private static readonly Field<FlakyItem>[] FlakyFields =
    [
        new("benchmark", i => i.Benchmark), new("item", i => i.Item), new("repeats", i => i.K), new("lowest", i => i.Lowest),
        new("highest", i => i.Highest), new("score", i => i.Score), new("input", i => i.Input), new("target", i => i.Target),
        new("answer", i => i.Answer),
    ];

    /// <summary>The JSONL fields, in order; the contract names them. Strings are null where the format records none.</summary>
    public static readonly string[] Columns = [.. FlippedFields.Select(f => f.Name)];

    /// <summary>The columns of <c>mpg explain --flaky</c> (CSV header, JSONL fields, Markdown table).</summary>
    public static readonly string[] FlakyColumns = [.. FlakyFields.Select(f => f.Name)];

    /// <summary>One JSON object per item (<see cref="Columns"/>, then cluster and reasons where known).</summary>
    public static string Jsonl(IEnumerable<FlippedItem> items) => JsonLines(items, FlippedFields, (w, i) =>
    {
        Optional(w, "cluster", i.Cluster);
        Optional(w, "baselineReason", i.BaselineReason);
        Optional(w, "candidateReason", i.CandidateReason);
    });

    /// <summary>One compact JSON object a line; strings as written (no \u escapes of non-ASCII text), nulls kept.</summary>
    private static string JsonLines<T>(IEnumerable<T> items, Field<T>[] fields, Action<Utf8JsonWriter, T>? extra = null)
    {
        var sb = new StringBuilder();
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var item in items)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer, options))
            {
                w.WriteStartObject();
                foreach (var field in fields)
                {
                    switch (field.Value(item))
                    {
                        case double d: w.WriteNumber(field.Name, d); break;
                        case int k: w.WriteNumber(field.Name, k); break;
                        case var text: w.WriteString(field.Name, (string?)text); break;
                    }
                }

                extra?.Invoke(w, item);
                w.WriteEndObject();
            }

            sb.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A field as a CSV or Markdown cell shows it: scores to three decimals.</summary>
    private static string? Text<T>(Field<T> field, T item) => field.Value(item) switch
    {
        double d => Score(d),
        int k => k.ToString(CultureInfo.InvariantCulture),
        var text => (string?)text,
    };

    /// <summary>RFC 4180 CSV: a header, then a row per item; every field quoted where it holds a comma, quote or line break.</summary>
    private static string CsvLines<T>(IEnumerable<T> items, Field<T>[] fields)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", fields.Select(f => f.Name))).Append("\r\n");
        foreach (var item in items)
        {
            sb.Append(string.Join(",", fields.Select(f => CsvField(Text(f, item))))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>RFC 4180 CSV with a header of <see cref="Columns"/>.</summary>
    public static string Csv(IEnumerable<FlippedItem> items) => CsvLines(items, FlippedFields);

    private static string CsvField(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    /// <summary>Items whose repeats disagree, in <paramref name="format"/>: <c>text</c>, <c>markdown</c>, <c>csv</c> or <c>jsonl</c>.</summary>
    public static string Flaky(IReadOnlyList<FlakyItem> items, ExplainFormat format) => format switch
    {
        ExplainFormat.Csv => CsvLines(items, FlakyFields),
        ExplainFormat.Jsonl => JsonLines(items, FlakyFields),
        ExplainFormat.Markdown => FlakyMarkdown(items),
        _ => FlakyText(items),
    };

    private static string FlakyMarkdown(IReadOnlyList<FlakyItem> items)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"### Flaky items: {Numbers.Count(items.Count)} whose repeats disagree");
        sb.AppendLine();
        sb.AppendLine("| " + string.Join(" | ", FlakyColumns) + " |");
        sb.AppendLine("|" + string.Concat(FlakyColumns.Select(_ => "---|")));
        foreach (var i in items)
        {
            sb.AppendLine("| " + string.Join(" | ", FlakyFields.Select(f => Cell(Text(f, i), int.MaxValue))) + " |");
        }

        return sb.ToString();
    }

    private static string FlakyText(IReadOnlyList<FlakyItem> items)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{items.Count} flaky {Plural(items.Count, "item", "items")} (repeats disagree)");
        foreach (var i in items)
        {
            sb.AppendLine($"  {i.Benchmark} #{i.Item}: {i.K} repeats, scores {Score(i.Lowest)}–{Score(i.Highest)}, mean {Score(i.Score)}");
            Line(sb, "input", i.Input);
            Line(sb, "target", i.Target);
            Line(sb, "answer", i.Answer);
        }

        return sb.ToString();
    }

    private static string Score(double score) => score.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Label(string id) => id == "goodness" ? "Goodness" : MarkdownText.Escape(id);

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
