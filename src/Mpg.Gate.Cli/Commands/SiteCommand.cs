using System.CommandLine;
using System.Globalization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Jobs;
using Mpg.Gate.Ranking;
using Mpg.Gate.Site;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg site</c>: a static dashboard of the history (and a ranking) in a folder, for GitHub Pages or any file server.</summary>
internal static class SiteCommand
{
    /// <summary>The file <c>mpg rank --html DIR</c> writes beside its page, which <c>--ranking DIR</c> reads.</summary>
    public const string RankingFile = "ranking.json";

    private sealed record Settings(string? Policy, string? Store, string Output, string? Branch, string? Ranking, string? RepositoryUrl, int? Limit);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var history = new HistoryOptions();
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the site into (index.html, gates/, records/, ranking.html).", Required = true };
        var ranking = new Option<string?>("--ranking") { Description = "A ranking to include: a file written by 'mpg rank --json', or a folder written by 'mpg rank --html'." };
        var repository = new Option<string?>("--repo-url") { Description = "Where commits and pull requests link to, e.g. https://github.com/OWNER/NAME (in GitHub Actions: this repository)." };
        var limit = new Option<int?>("--limit") { Description = "Only the newest this many records of each gate (default: all)." };
        history.Branch.Description = "The branch whose records make the trend line and the latest verdict (default main).";
        var command = new Command("site", "Write a static dashboard: every gate's trend with credible bands, each record's verdict, and a ranking.")
        {
            common.Policy, history.Store, history.Branch, ranking, repository, limit, output,
        };
        command.SetAction(parse => Run(
            new Settings(parse.GetValue(common.Policy), parse.GetValue(history.Store), parse.GetValue(output)!, parse.GetValue(history.Branch), parse.GetValue(ranking), parse.GetValue(repository), parse.GetValue(limit)),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        UsageException.ThrowIfBelow("--limit", settings.Limit, 1);

        if (settings.RepositoryUrl is { } given && HtmlText.Url(given) is null)
        {
            throw new UsageException($"--repo-url {given}: expected an http(s) URL such as https://github.com/OWNER/NAME");
        }

        var policy = HistoryCommand.Policy(settings.Policy, context);
        var ranking = settings.Ranking is { } file ? Serialization.RankingFile.Read(RankingPath(Path.GetFullPath(file, context.WorkingDirectory))) : null;
        using var store = HistorySource.Open(settings.Store, policy, context);
        var gates = SiteJob.Load(store, settings.Limit);
        if (gates.Count == 0 && ranking is null)
        {
            throw new InputException(store.Display, "the history holds no records, and no --ranking was given: nothing to show; record main's runs with 'mpg gate --record'");
        }

        var site = new SiteSettings(settings.Branch ?? "main", settings.RepositoryUrl ?? RepositoryOfTheRun(context.Host), SiteJob.Footer(gates, ToolInfo.Version, ranking));
        var pages = SiteBuilder.Build(gates, ranking, site);
        var folder = Path.GetFullPath(settings.Output, context.WorkingDirectory);
        RemoveStalePages(folder, pages);
        foreach (var page in pages)
        {
            OutputFiles.Write(Path.Combine(folder, page.Path), context.WorkingDirectory, () => page.Html);
        }

        // GitHub Pages would otherwise run Jekyll over the folder, which has nothing for it to do.
        OutputFiles.Write(Path.Combine(folder, ".nojekyll"), context.WorkingDirectory, () => "");
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {pages.Count} pages ({gates.Count} gates, {gates.Sum(g => g.Records.Count)} records{(ranking is null ? "" : ", a ranking")}) to {Path.Combine(folder, "index.html")}"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A site built again into its folder loses the pages of records pruned since (and of gates gone): only our own
    /// <c>gates/*.html</c> and <c>records/*.html</c> are removed, nothing else in the folder.
    /// </summary>
    private static void RemoveStalePages(string folder, IReadOnlyList<SitePage> pages)
    {
        var keep = pages.Select(p => Path.GetFullPath(Path.Combine(folder, p.Path))).ToHashSet(StringComparer.Ordinal);
        foreach (var sub in new[] { "gates", "records" })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var stale in Directory.GetFiles(dir, "*.html").Where(f => !keep.Contains(Path.GetFullPath(f))))
            {
                try
                {
                    File.Delete(stale);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException(stale, $"cannot remove the page of a record no longer in the history: {e.Message}");
                }
            }
        }
    }

    /// <summary>A folder written by <c>mpg rank --html</c> holds its ranking as <see cref="RankingFile"/>.</summary>
    private static string RankingPath(string path) => Directory.Exists(path) ? Path.Combine(path, RankingFile) : path;

    /// <summary>In GitHub Actions: this repository on its server (GitHub Enterprise too).</summary>
    private static string? RepositoryOfTheRun(MpgHost host) =>
        host.Environment("GITHUB_SERVER_URL") is { Length: > 0 } server && host.Environment("GITHUB_REPOSITORY") is { Length: > 0 } repository
            ? $"{server.TrimEnd('/')}/{repository}"
            : null;
}
