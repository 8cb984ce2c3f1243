using System.Diagnostics;

namespace Mpg.Gate.Cli.Tests.History;

/// <summary>
/// The workflow example's server-less history (examples/github/mpg-history.yml): a local bare repository stands in
/// for GitHub, two clones for main's runner and a PR's. Main fetches the (absent) history branch, gates, records and
/// pushes; the PR fetches it and gates against main's record; main's next run builds on the first.
/// </summary>
public sealed class HistoryBranchInGit : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private static string Script => Path.Combine(AppContext.BaseDirectory, "examples", "mpg-history.sh");

    private string Run(string folder, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = mpg.PathOf(folder), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error}");
        return output;
    }

    private static void Ok(Mpg.Result result) => Assert.True(result.ExitCode == 0, result.Stderr);

    private Mpg.Result Gate(string runner, string input, params string[] extra) =>
        mpg.Run(["gate", "-p", $"{runner}/mpg.yml", "-i", input, "--json", $"{runner}/verdict.json", .. extra]);

    [Fact]
    public void MainPushesTheHistory_APullRequestGatesAgainstIt()
    {
        Directory.CreateDirectory(mpg.PathOf("seed"));
        File.Copy(Mpg.Data("cli", "suite.yml"), mpg.PathOf("seed/mpg.yml"));
        File.AppendAllText(mpg.PathOf("seed/mpg.yml"), "history: sqlite:.mpg/history.db\n");
        File.WriteAllText(mpg.PathOf("seed/.gitignore"), ".mpg/\nverdict.json\n");
        Run(".", "git", "init", "--quiet", "--bare", "-b", "main", "origin.git");
        Run("seed", "git", "init", "--quiet", "-b", "main");
        Run("seed", "git", "add", ".");
        Run("seed", "git", "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "--quiet", "-m", "policy");
        Run("seed", "git", "push", "--quiet", "../origin.git", "main");
        Run(".", "git", "clone", "--quiet", "origin.git", "main-runner");
        Run(".", "git", "clone", "--quiet", "origin.git", "pr-runner");

        Assert.Contains("no branch mpg-history yet", Run("main-runner", "bash", Script, "fetch"), StringComparison.Ordinal);
        Ok(mpg.Run("score", "-p", "main-runner/mpg.yml", "-i", Mpg.SameSuite("meta-llama__Llama-3.2-3B"), "-o", "first.json"));
        Ok(mpg.Run("history", "record", "-p", "main-runner/mpg.yml", "--scorecard", "first.json", "--branch", "main", "--commit", "aaaaaaa111"));
        Run("main-runner", "bash", Script, "push");

        Run("pr-runner", "bash", Script, "fetch");
        var pr = Gate("pr-runner", Mpg.SameSuite("meta-llama__Llama-3.2-1B"), "--baseline", "history:main");
        Assert.Equal(1, pr.ExitCode);
        Assert.Equal("history:main @ aaaaaaa", mpg.Json("pr-runner/verdict.json").GetProperty("baseline").GetString());

        // Main's next run, on a fresh runner: fetch, gate against the last record, record, push.
        Directory.Delete(mpg.PathOf("main-runner/.mpg"), recursive: true);
        Run("main-runner", "bash", Script, "fetch");
        mpg.Now = mpg.Now.AddDays(1);
        Ok(Gate("main-runner", Mpg.SameSuite("Qwen__Qwen2.5-3B"), "--baseline", "history:main", "--record", "--branch", "main", "--commit", "bbbbbbb222"));
        Run("main-runner", "bash", Script, "push");

        Run("pr-runner", "bash", Script, "fetch");
        Ok(mpg.Run("history", "list", "-p", "pr-runner/mpg.yml", "--json", "list.json"));
        Assert.Equal(["bbbbbbb222", "aaaaaaa111"], mpg.Json("list.json").EnumerateArray().Select(e => e.GetProperty("commit").GetString()));
        Assert.Equal("1", Run("main-runner", "git", "rev-list", "--count", "origin/mpg-history").Trim());
        Assert.Equal(["history.db"], Run("main-runner", "git", "ls-tree", "--name-only", "origin/mpg-history").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
