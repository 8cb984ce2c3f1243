using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace Mpg.Gate.Site;

/// <summary>
/// The PR comment's Markdown (<see cref="Reports.VerdictMarkdown"/>, <see cref="Reports.ScorecardMarkdown"/>) as HTML, so a
/// verdict page says exactly what the comment said. Markdig runs with raw HTML off: any tag in the text is shown as
/// text. The only markup let through is what our renderers write on lines of their own, rebuilt here:
/// <c>&lt;details&gt;&lt;summary&gt;…&lt;/summary&gt;</c> and <c>&lt;/details&gt;</c>; the hidden markers are dropped,
/// and a Mermaid block (which needs a script to draw) is replaced by the caller's HTML.
/// </summary>
public static partial class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private const char Open = '\uE000';
    private const char Close = '\uE001';

    [GeneratedRegex(@"^<details( open)?><summary>(?<summary>.*)</summary>$")]
    private static partial Regex DetailsLine();

    [GeneratedRegex("<p>\uE000([0-9]+)\uE001</p>\n?")]
    private static partial Regex PlaceholderParagraph();

    /// <param name="mermaid">The HTML shown where the Markdown has a Mermaid block.</param>
    public static string Render(string markdown, string mermaid = "")
    {
        ArgumentNullException.ThrowIfNull(markdown);

        // One Markdig pass per page: each structural line becomes a placeholder paragraph of private-use characters
        // (removed from the text first, so no input can forge one), put back as our HTML afterwards.
        var text = new StringBuilder(markdown.Length + 64);
        var structure = new List<string>();
        void Placeholder(string html)
        {
            text.Append('\n').Append(Open).Append(structure.Count.ToString(CultureInfo.InvariantCulture)).Append(Close).Append("\n\n");
            structure.Add(html);
        }

        var inMermaid = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Replace(Open, '\uFFFD').Replace(Close, '\uFFFD');
            if (inMermaid)
            {
                inMermaid = line.TrimEnd() != "```";
            }
            else if (line.StartsWith("```mermaid", StringComparison.Ordinal))
            {
                Placeholder(mermaid);
                inMermaid = true;
            }
            else if (line.StartsWith("<!-- mpg-", StringComparison.Ordinal) && line.EndsWith(" -->", StringComparison.Ordinal))
            {
                Placeholder("");
            }
            else if (DetailsLine().Match(line) is { Success: true } details)
            {
                Placeholder((details.Groups[1].Success ? "<details open><summary>" : "<details><summary>") + Inline(details.Groups["summary"].Value) + "</summary>\n");
            }
            else if (line == "</details>")
            {
                Placeholder("</details>\n");
            }
            else
            {
                text.Append(line).Append('\n');
            }
        }

        var html = Markdown.ToHtml(text.ToString(), Pipeline);
        return structure.Count == 0 ? html : PlaceholderParagraph().Replace(html, m => structure[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);
    }

    /// <summary>One line of Markdown as inline HTML (without the paragraph around it).</summary>
    public static string Inline(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) ? html[3..^4] : html;
    }
}
