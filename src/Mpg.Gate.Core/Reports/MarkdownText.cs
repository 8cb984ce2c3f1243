namespace Mpg.Gate.Reports;

/// <summary>
/// Escapes names that come from eval inputs (models, tasks) so that nothing in them is rendered as
/// markup in a PR comment: no table breaks, no HTML, no @mentions, no links, no emphasis.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text) => CharEscape.Apply(text, c => c switch
    {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        '|' => "&#124;",
        '@' => "&#64;",
        '\r' or '\n' => " ",
        _ => BackslashEscaped.GetValueOrDefault(c),
    });

    // A backslash before each character Markdown would read as markup: the strings made once, not once per character.
    private static readonly Dictionary<char, string> BackslashEscaped = "\\`*_[]()#!~".ToDictionary(c => c, c => "\\" + c);

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
