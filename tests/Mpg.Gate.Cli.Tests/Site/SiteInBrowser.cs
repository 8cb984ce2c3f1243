namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// The generated site (<see cref="GeneratedSite"/>: a year of history and a 20-model ranking) loaded in a real headless
/// Chromium from <c>file://</c>: no console or log errors on any page, every record a point and a table row, the
/// ranking's rows and points, and screenshots of the overview, the gate page (light and dark) and the ranking into
/// <c>site-screenshots/</c> beside the test assembly (docs/images holds copies).
/// </summary>
[Trait("Category", "Slow")] // A year of gates through the CLI and a browser: about a minute on the shared 2-core machine.
public sealed class SiteInBrowser(GeneratedSite site) : IClassFixture<GeneratedSite>
{
    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "site-screenshots");

    private string Page(string path) => Path.Combine(site.Site, path);

    [Fact]
    public async Task YearOfHistory_EveryPageLoadsCleanAndHoldsEveryRecord()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var records = GeneratedSite.Weeks + 1 + site.PullRequests;
        var failed = site.Verdicts().Count(v => v.Verdict.GetProperty("verdict").GetString() == "fail");

        await browser.OpenAsync(Page("index.html"));
        Assert.Equal(1, await browser.CountAsync("table.overview tbody tr"));
        Assert.Equal(1, await browser.CountAsync("table.overview svg.spark polyline"));
        Assert.Equal(0, await browser.CountAsync("script"));
        await browser.ScreenshotAsync(Path.Combine(Screenshots, "site-overview.png"), 500);

        await browser.OpenAsync(Page("gates/assistant.html"));
        Assert.Equal(3, await browser.CountAsync("section.node"));
        foreach (var node in new[] { "goodness", "reasoning", "knowledge" })
        {
            Assert.Equal(records, await browser.CountAsync($"#node-{node} svg .pt"));
            Assert.Equal(GeneratedSite.Weeks + 1, await browser.CountAsync($"#node-{node} svg .pt.main"));
            Assert.Equal(site.PullRequests, await browser.CountAsync($"#node-{node} svg .pt.pullRequest"));
            Assert.Equal(records, await browser.CountAsync($"#node-{node} .numbers tbody tr"));
            Assert.Equal(records, await browser.CountAsync($"#node-{node} svg a[href^='../records/']"));
        }

        // Every failed gate failed on Goodness (its drop in week 30, or drift against main's last ten): each is marked there.
        Assert.True(failed > 10, $"only {failed} failed gates: the slide did not drift as designed");
        Assert.Equal(failed, await browser.CountAsync("#node-goodness svg .pt.regression, #node-goodness svg .pt.drift"));
        Assert.Equal(1, await browser.CountAsync("#node-goodness svg .pt.regression"));
        Assert.Equal(0, await browser.CountAsync("#node-reasoning svg .pt.regression"));
        await browser.ScreenshotAsync(Path.Combine(Screenshots, "site-gate.png"), 1000);
        await browser.OpenAsync(Page("gates/assistant.html"), dark: true);
        await browser.ScreenshotAsync(Path.Combine(Screenshots, "site-gate-dark.png"), 1000);

        var latest = (await browser.EvaluateAsync("[...document.querySelectorAll('#node-goodness .numbers tbody tr a')].find(a => a.textContent.startsWith('main @')).getAttribute('href')")).GetString()!;
        await browser.OpenAsync(Page(Path.Combine("gates", latest)));
        Assert.Contains("MPG gate assistant", (await browser.EvaluateAsync("document.querySelector('.comment h3').textContent")).GetString(), StringComparison.Ordinal);
        Assert.True(await browser.CountAsync(".comment details") >= 3);
        Assert.Equal("https://github.com/example/assistant/commit/5eed0034aa0052", (await browser.EvaluateAsync("document.querySelector('table.facts a').href")).GetString());
        await browser.ScreenshotAsync(Path.Combine(Screenshots, "site-record.png"), 1000);

        await browser.OpenAsync(Page("ranking.html"));
        Assert.Equal(GeneratedSite.Models, await browser.CountAsync("table.ranking tbody tr"));
        Assert.Equal(GeneratedSite.Models, await browser.CountAsync("svg.pareto .pt"));
        Assert.True(await browser.CountAsync("svg.pareto .pt.front") >= 1);
        Assert.Equal(4, await browser.CountAsync("table.correlations tbody tr"));
        Assert.Equal(2, await browser.CountAsync("table.by-node"));
        await browser.ScreenshotAsync(Path.Combine(Screenshots, "site-ranking.png"), 1000);

        Assert.Empty(browser.Errors);
    }

    [Fact]
    public void YearOfVerdicts_ReadBackToTheirOwnBytes()
    {
        foreach (var (name, verdict) in site.Verdicts())
        {
            var json = File.ReadAllText(site.Mpg.PathOf(Path.Combine("verdicts", name + ".json")));
            Assert.Equal(json, Serialization.VerdictFile.ToJson(Serialization.VerdictFile.Parse(json, name)));
            Assert.True(verdict.TryGetProperty("drift", out _), $"{name}: no drift comparison");
        }
    }

    [Fact]
    public async Task EveryRecordPage_LoadsWithoutErrors()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var pages = Directory.GetFiles(Page("records"), "*.html");
        Assert.Equal(GeneratedSite.Weeks + 1 + site.PullRequests, pages.Length);
        foreach (var page in pages)
        {
            await browser.OpenAsync(page);
            Assert.Equal(1, await browser.CountAsync("h1"));
        }

        Assert.Empty(browser.Errors);
    }
}
