using System.Text;

namespace Mpg.Gate.Site;

/// <summary>One file of the site: its path relative to the site's folder (forward slashes) and its HTML.</summary>
public sealed record SitePage(string Path, string Html);

/// <summary>
/// The frame every page shares: one inline style sheet with a light and a dark scheme (the reader's
/// <c>prefers-color-scheme</c>), no script, and a Content-Security-Policy that forbids scripts, fetches and frames,
/// so the pages work from <c>file://</c> and GitHub Pages alike, and anything a hostile name might smuggle in could
/// not run even if it escaped <see cref="HtmlText"/>.
/// </summary>
public static class SiteFrame
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    /// <param name="root">The way from the page to the site's folder: <c>""</c> or <c>"../"</c>.</param>
    /// <param name="nav">Links as (label, path from the site's folder); the current page's label is marked.</param>
    public static string Page(string title, string root, IReadOnlyList<(string Label, string Path)> nav, string current, string body, string footer)
    {
        ArgumentNullException.ThrowIfNull(nav);
        var sb = new StringBuilder(body.Length + 6_000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Policy).Append("\">\n");
        sb.Append("<meta name=\"color-scheme\" content=\"light dark\">\n");
        sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header><nav>");
        foreach (var (label, path) in nav)
        {
            sb.Append(label == current ? "<a aria-current=\"page\" href=\"" : "<a href=\"").Append(HtmlText.Escape(root + path)).Append("\">").Append(HtmlText.Escape(label)).Append("</a> ");
        }

        sb.Append("</nav></header>\n<main>\n").Append(body).Append("</main>\n<footer>").Append(HtmlText.Escape(footer)).Append("</footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private const string Style = """
        :root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--rule:#d1d9e0;--grid:#e6eaef;--band:rgba(31,111,235,.16);--line:#1f6feb;--pr:#8250df;--branch:#9a6700;--bad:#cf222e;--drift:#bc4c00;--good:#1a7f37;--warn:#9a6700;--code:#f6f8fa}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--rule:#3d444d;--grid:#21262d;--band:rgba(56,139,253,.24);--line:#4493f8;--pr:#ab7df8;--branch:#d29922;--bad:#f85149;--drift:#db6d28;--good:#3fb950;--warn:#d29922;--code:#161b22}}
        *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
        header{border-bottom:1px solid var(--rule);padding:.6rem 1.5rem}header a{margin-right:1rem}a{color:var(--line)}a[aria-current]{font-weight:600;color:var(--fg)}
        main{padding:1rem 1.5rem;max-width:1500px}footer{color:var(--muted);padding:1rem 1.5rem;border-top:1px solid var(--rule);font-size:12px}
        h1{font-size:1.5rem;margin:.4rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}h3{font-size:1.05rem}
        table{border-collapse:collapse;margin:.4rem 0 1rem}th,td{border-bottom:1px solid var(--rule);padding:.25rem .6rem;text-align:left;vertical-align:top}th{font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}code{background:var(--code);padding:0 .25rem;border-radius:4px}
        .muted{color:var(--muted)}.verdict{font-weight:600;padding:0 .4rem;border-radius:4px;border:1px solid currentColor}
        .verdict.pass{color:var(--good)}.verdict.fail{color:var(--bad)}.verdict.inconclusive{color:var(--warn)}.verdict.recorded{color:var(--muted)}
        .pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}@media (max-width:1000px){.pair{grid-template-columns:1fr}}
        .numbers{max-height:330px;overflow:auto;border:1px solid var(--rule)}.numbers table{margin:0;width:100%}.numbers td{white-space:nowrap}.numbers th{position:sticky;top:0;background:var(--bg)}
        svg.chart{width:100%;height:auto;max-height:340px}svg text{fill:var(--muted);font-size:11px}svg .grid{stroke:var(--grid);stroke-width:1}
        svg .band{fill:var(--band);stroke:none}svg .line{fill:none;stroke:var(--line);stroke-width:1.5}svg .front{fill:none;stroke:var(--bad);stroke-width:1.5}
        svg .pt{fill:var(--line);stroke:var(--bg);stroke-width:1}svg .pt.pullRequest{fill:var(--pr)}svg .pt.branch{fill:var(--branch)}
        svg .pt.regression{fill:var(--bad)}svg .pt.drift{fill:var(--drift)}svg .pt.failed{fill:var(--bad)}svg a:hover .pt,svg a:focus .pt{stroke:var(--fg);stroke-width:2}
        svg .model circle{fill:var(--line)}svg .model.front circle{fill:var(--bad)}svg .bar{stroke:var(--muted);stroke-width:1.5}svg.spark{vertical-align:middle}
        .legend span{margin-right:1.2rem}.key{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:.3rem;vertical-align:middle}
        .key.main{background:var(--line)}.key.pullRequest{background:var(--pr);border-radius:0;transform:rotate(45deg)}.key.branch{background:var(--branch);border-radius:0;transform:rotate(45deg)}
        .key.regression{background:var(--bad)}.key.drift{background:var(--drift)}.key.band{background:var(--band);border-radius:0;width:18px}
        details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
        """;
}
