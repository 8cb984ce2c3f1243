namespace Mpg.Gate.Site;

/// <summary>
/// The one place the site escapes text: every name from the inputs or the history (models, gates, benchmarks,
/// branches, commits) goes through <see cref="Escape"/> before it reaches a page, as element text or as a quoted
/// attribute value, so nothing in it is markup. URLs are checked by <see cref="Url"/> as well.
/// </summary>
public static class HtmlText
{
    /// <summary>Text safe inside an element and inside a double- or single-quoted attribute.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return CharEscape.Apply(text, c => c switch
        {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#39;",
            // Control characters other than tab and newline are not allowed in HTML text; they show as a replacement.
            < ' ' and not ('\t' or '\n') => "\uFFFD",
            _ => null,
        });
    }

    /// <summary>An http(s) URL for an <c>href</c>, escaped; null for anything else (no <c>javascript:</c>, no <c>data:</c>).</summary>
    public static string? Url(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? Escape(uri.AbsoluteUri)
            : null;
}
