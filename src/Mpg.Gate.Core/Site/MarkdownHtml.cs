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

    [GeneratedRegex(@"^<details( open)?><summary>(?<summary>.*)</summary>$")]
    private static partial Regex DetailsLine();

    /// <param name="mermaid">The HTML shown where the Markdown has a Mermaid block.</param>
    public static string Render(string markdown, string mermaid = "")
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = new StringBuilder(markdown.Length * 2);
        var block = new StringBuilder();
        var inMermaid = false;
        void Flush()
        {
            if (block.Length > 0)
            {
                html.Append(Markdown.ToHtml(block.ToString(), Pipeline));
                block.Clear();
            }
        }

        foreach (var line in markdown.Split('\n'))
        {
            if (inMermaid)
            {
                inMermaid = line.TrimEnd() != "```";
                continue;
            }

            if (line.StartsWith("```mermaid", StringComparison.Ordinal))
            {
                Flush();
                html.Append(mermaid);
                inMermaid = true;
            }
            else if (line.StartsWith("<!-- mpg-", StringComparison.Ordinal) && line.EndsWith(" -->", StringComparison.Ordinal))
            {
                Flush();
            }
            else if (DetailsLine().Match(line) is { Success: true } details)
            {
                Flush();
                html.Append(details.Groups[1].Success ? "<details open><summary>" : "<details><summary>")
                    .Append(Inline(details.Groups["summary"].Value))
                    .Append("</summary>\n");
            }
            else if (line == "</details>")
            {
                Flush();
                html.Append("</details>\n");
            }
            else
            {
                block.Append(line).Append('\n');
            }
        }

        Flush();
        return html.ToString();
    }

    /// <summary>One line of Markdown as inline HTML (without the paragraph around it).</summary>
    public static string Inline(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) ? html[3..^4] : html;
    }
}
