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
}
