using System.Text;

namespace Mpg.Gate.Reports;

/// <summary>
/// Escapes names that come from eval inputs (models, tasks) so that nothing in them is rendered as
/// markup in a PR comment: no table breaks, no HTML, no @mentions, no links, no emphasis.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '|': sb.Append("&#124;"); break;
                case '@': sb.Append("&#64;"); break;
                case '\r' or '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '!' or '~':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A code span of the text. Inside backticks Markdown shows everything as written, escapes and entities included
    /// (<see cref="Escape"/> there would print <c>\_</c> and <c>&amp;#64;</c>), and renders nothing as markup; only a
    /// backtick, which would end the span, and a line break are replaced. Not for table cells, where a pipe ends the cell.
    /// </summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "`" + text.Replace('`', '\'').Replace('\r', ' ').Replace('\n', ' ') + "`";
    }
}
