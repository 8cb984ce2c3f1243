using Mpg.Gate.Site;

namespace Mpg.Gate.Core.Tests.Site;

public class HtmlEscaping
{
    [Theory]
    [InlineData("</details><img src=x onerror=1>|@everyone", "&lt;/details&gt;&lt;img src=x onerror=1&gt;|@everyone")]
    [InlineData("\"><script>alert(1)</script>", "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("it's & done", "it&#39;s &amp; done")]
    [InlineData("nul\0bell\u0007", "nul\uFFFDbell\uFFFD")]
    public void NamesFromInputs_AreTextInElementsAndAttributes(string name, string escaped)
    {
        Assert.Equal(escaped, HtmlText.Escape(name));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("github.com/o/r")]
    [InlineData("")]
    public void NotAnHttpUrl_IsNoLink(string url)
    {
        Assert.Null(HtmlText.Url(url));
    }

    [Fact]
    public void HttpsUrl_IsKeptEscaped()
    {
        Assert.Equal("https://github.com/o/r/commit/a%22b", HtmlText.Url("https://github.com/o/r/commit/a\"b"));
    }

    [Fact]
    public void MarkdownWithRawHtml_ShowsItAsText()
    {
        var html = MarkdownHtml.Render("<!-- mpg-gate:x -->\n### a <img src=x onerror=1> b\n<details><summary>**s** &lt;i&gt;</summary>\n\n| x |\n|---|\n| <script>1</script> |\n\n</details>\n");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mpg-gate", html, StringComparison.Ordinal);
        Assert.Contains("<h3>a &lt;img src=x onerror=1&gt; b</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<details><summary><strong>s</strong> &lt;i&gt;</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;1&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.EndsWith("</details>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendChart_HasOnePointPerRecordAndEscapesItsTips()
    {
        var points = new[]
        {
            new ChartPoint(0, 0.70, 0.69, 0.71, "../records/1.html", "a <b>", PointKind.Main, PointMark.None),
            new ChartPoint(86_400, 0.72, 0.71, 0.73, "../records/2.html", "b", PointKind.PullRequest, PointMark.Regression),
            new ChartPoint(172_800, 0.71, 0.70, 0.72, "../records/3.html\"onmouseover=\"x", "c", PointKind.Main, PointMark.Drift),
        };

        var svg = SvgChart.Trend(points, "Goodness <of> x");

        Assert.Equal(3, CountOf(svg, "class=\"pt "));
        Assert.Equal(1, CountOf(svg, "class=\"pt pullRequest regression\""));
        Assert.Equal(1, CountOf(svg, "class=\"pt main drift\""));
        Assert.Contains("<title>a &lt;b&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("href=\"../records/3.html&quot;onmouseover=&quot;x\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Goodness &lt;of&gt; x\"", svg, StringComparison.Ordinal);
        // The band is main's two records: a polygon of four corners.
        Assert.Matches("<polygon class=\"band\" points=\"[0-9.,]+ [0-9.,]+ [0-9.,]+ [0-9.,]+\"/>", svg);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
