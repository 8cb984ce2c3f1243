namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// The reliability issue's hostile name (and a script tag) as model, benchmark, group, branch and commit, through a real
/// gate with <c>--record</c> and <c>mpg site</c>, loaded in headless Chromium: the names are the pages' text, and
/// no script, image or other element of theirs exists or runs.
/// </summary>
[Trait("Category", "Slow")] // Starts a browser: seconds.
public sealed class HostileNames : IDisposable
{
    private const string Hostile = "</details><img src=x onerror=1>|@everyone";
    private const string Script = "<script>window.__pwned=1</script>";
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    [Fact]
    public async Task HostileNames_RenderAsTextAndRunNoScript()
    {
        File.WriteAllText(mpg.PathOf("mpg.yml"), $$"""
            version: 1
            name: hostile
            inputs: [ { path: "run-*/scores.csv", format: csv } ]
            goodness:
              - name: '{{Script}}'
                children:
                  - { benchmark: '{{Hostile}}' }
                  - { benchmark: plain }
            baseline: history:main
            history: sqlite:.mpg/history.db
            """);
        foreach (var (week, successes) in new[] { (0, 700), (1, 640) })
        {
            Directory.CreateDirectory(mpg.PathOf($"run-{week}"));
            File.WriteAllText(mpg.PathOf($"run-{week}/scores.csv"), $"model,benchmark,n,successes\n\"{Hostile}\",\"{Hostile}\",1000,{successes}\n\"{Hostile}\",plain,1000,700\n");
        }

        Assert.Equal(0, mpg.Run("score", "-i", "run-0/scores.csv", "-o", "w0.json").ExitCode);
        Assert.Equal(0, mpg.Run("history", "record", "--scorecard", "w0.json", "--branch", "main", "--commit", Hostile).ExitCode);
        var gate = mpg.Run("gate", "-i", "run-1/scores.csv", "--record", "--branch", Script, "--commit", "c2", "--pr", "3");
        Assert.False(gate.HasStackTrace, gate.Stderr);
        var site = mpg.Run("site", "-o", "site");
        Assert.Equal(0, site.ExitCode);

        await using var browser = await HeadlessChromium.StartAsync();
        foreach (var page in new[] { "index.html", "gates/hostile.html", "records/1.html", "records/2.html" })
        {
            await browser.OpenAsync(mpg.PathOf(Path.Combine("site", page)));
            Assert.Equal(0, await browser.CountAsync("script, img, iframe, object, embed, details details summary + img"));
            Assert.Equal("undefined", (await browser.EvaluateAsync("typeof window.__pwned")).GetString());
            var text = (await browser.EvaluateAsync("document.body.innerText + [...document.querySelectorAll('title')].map(t => t.textContent).join(' ')")).GetString()!;
            Assert.True(text.Contains(Hostile, StringComparison.Ordinal) || text.Contains(Script, StringComparison.Ordinal), $"{page} shows neither name as text");
        }

        // The record of the hostile branch: its name is the text of the facts table, verbatim.
        await browser.OpenAsync(mpg.PathOf("site/records/2.html"));
        Assert.Equal(Script, (await browser.EvaluateAsync("document.querySelector('table.facts td').textContent")).GetString());
        Assert.Contains(Hostile, (await browser.EvaluateAsync("document.querySelector('.comment').innerText")).GetString(), StringComparison.Ordinal);
        Assert.Empty(browser.Errors);
    }
}
