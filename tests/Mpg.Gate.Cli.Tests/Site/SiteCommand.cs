namespace Mpg.Gate.Cli.Tests.Site;

/// <summary><c>mpg site</c> and <c>mpg rank --html</c> as a user runs them, without a browser: bytes, files, bad input.</summary>
[Trait("Category", Acceptance.Category)]
public sealed class SiteCommand : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private void RecordTwo()
    {
        var policy = Mpg.Data("cli", "suite.yml");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-i", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--samples", "500", "-o", "card.json").ExitCode);
        Assert.Equal(0, mpg.Run("history", "record", "-p", policy, "--history", "sqlite:h.db", "--scorecard", "card.json", "--branch", "main", "--commit", "a1").ExitCode);
        mpg.Now = mpg.Now.AddDays(1);
        var gate = mpg.Run("gate", "-p", policy, "--history", "sqlite:h.db", "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"), "--samples", "500", "--baseline", "history:main", "--record", "--branch", "main", "--commit", "b2");
        Assert.True(gate.ExitCode is 0 or 1, gate.Stderr);
    }

    [Fact]
    public void SameHistory_SameBytes()
    {
        RecordTwo();
        Assert.Equal(0, mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "-o", "one").ExitCode);
        mpg.Now = mpg.Now.AddDays(30);
        Assert.Equal(0, mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "-o", "two").ExitCode);

        var one = Directory.GetFiles(mpg.PathOf("one"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(mpg.PathOf("one"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([".nojekyll", "gates/suite.html", "index.html", "records/1.html", "records/2.html"], one.Select(f => f.Replace('\\', '/')));
        foreach (var file in one)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(mpg.PathOf("one"), file)), File.ReadAllBytes(Path.Combine(mpg.PathOf("two"), file)));
        }
    }

    [Fact]
    public void PrunedRecord_ItsPageGoesAndOtherFilesStay()
    {
        RecordTwo();
        var policy = Mpg.Data("cli", "suite.yml");
        Assert.Equal(0, mpg.Run("site", "-p", policy, "--history", "sqlite:h.db", "-o", "site").ExitCode);
        File.WriteAllText(mpg.PathOf("site/records/notes.txt"), "mine");
        Assert.Equal(0, mpg.Run("history", "prune", "-p", policy, "--history", "sqlite:h.db", "--keep", "1").ExitCode);

        Assert.Equal(0, mpg.Run("site", "-p", policy, "--history", "sqlite:h.db", "-o", "site").ExitCode);

        Assert.False(File.Exists(mpg.PathOf("site/records/1.html")));
        Assert.True(File.Exists(mpg.PathOf("site/records/2.html")));
        Assert.True(File.Exists(mpg.PathOf("site/records/notes.txt")));
    }

    [Fact]
    public void RecordGatedBySchemaTwo_PageHoldsThePrComment()
    {
        RecordTwo();
        Assert.Equal(0, mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "-o", "site").ExitCode);

        var gated = File.ReadAllText(mpg.PathOf("site/records/2.html"));
        Assert.Contains("<h2>The verdict, as the PR comment gave it</h2>", gated, StringComparison.Ordinal);
        Assert.Contains("MPG gate <code>suite</code>", gated, StringComparison.Ordinal);
        Assert.DoesNotContain("mpg-gate:", gated, StringComparison.Ordinal);
        var alone = File.ReadAllText(mpg.PathOf("site/records/1.html"));
        Assert.Contains("Recorded without a gate", alone, StringComparison.Ordinal);
        Assert.Contains("MPG score <code>suite</code>", alone, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyHistory_ExitsThreeNamingTheStore()
    {
        var result = mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:empty.db", "-o", "site");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"sqlite:{mpg.PathOf("empty.db")}: error MPG3001: the history holds no records, and no --ranking was given", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(mpg.PathOf("site")));
    }

    [Fact]
    public void ScriptRepositoryUrl_ExitsTwo()
    {
        RecordTwo();
        var result = mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "-o", "site", "--repo-url", "javascript:alert(1)");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--repo-url javascript:alert(1): expected an http(s) URL", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NotARanking_ExitsThreeNamingTheFile()
    {
        RecordTwo();
        File.WriteAllText(mpg.PathOf("card-as-ranking.json"), File.ReadAllText(mpg.PathOf("card.json")));
        var result = mpg.Run("site", "-p", Mpg.Data("cli", "suite.yml"), "--history", "sqlite:h.db", "-o", "site", "--ranking", "card-as-ranking.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{mpg.PathOf("card-as-ranking.json")}: error MPG3001: not a ranking: expected \"schema\": \"mpg.ranking/1\", got \"mpg.scorecard/1\"", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace);
    }

    [Fact]
    public void RankHtml_WritesThePageAndTheRankingTheSiteReads()
    {
        var suite = Mpg.Data("lm-eval", "v0.4-same-suite");
        Assert.Equal(0, mpg.Run("rank", "-p", Mpg.Data("cli", "suite.yml"), "-i", suite, "--samples", "2000", "--html", "ranked").ExitCode);
        var page = File.ReadAllText(mpg.PathOf("ranked/index.html"));
        Assert.Contains("<table class=\"ranking\">", page, StringComparison.Ordinal);
        Assert.Contains("Qwen/Qwen2.5-3B", page, StringComparison.Ordinal);

        var site = mpg.Run("site", "--history", "sqlite:none.db", "-o", "site", "--ranking", "ranked");
        Assert.Equal(0, site.ExitCode);
        Assert.Equal(page[page.IndexOf("<h1>", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)],
            File.ReadAllText(mpg.PathOf("site/ranking.html")) is var s ? s[s.IndexOf("<h1>", StringComparison.Ordinal)..s.IndexOf("</main>", StringComparison.Ordinal)] : "");
    }
}
