using System.Text.Json;
using Mpg.Gate.Cli;

namespace Mpg.Gate.Cli.Tests;

/// <summary>Runs the real <c>mpg</c> entry point in-process, in a fresh temporary working folder.</summary>
internal sealed class Mpg : IDisposable
{
    public Mpg()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("mpg-cli-").FullName;
    }

    public string WorkingDirectory { get; }

    /// <summary>The environment the command sees (nothing of the process's).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The clock the command sees.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <summary>Copies a data folder into the working folder under a CI-artifact name (<c>candidate/</c>, <c>run-42/</c>).</summary>
    public string CopyIn(string name, params string[] dataFolder)
    {
        CopyDirectory(Data(dataFolder), PathOf(name));
        return PathOf(name);
    }

    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static string SameSuite(string model) => Directory.GetFiles(Data("lm-eval", "v0.4-same-suite", model), "results_*.json").Order(StringComparer.Ordinal).First();

    public Result Run(params string[] args) => RunWith(name => Environment.GetValueOrDefault(name), args);

    /// <summary>The environment variables mpg reads secrets from: their values must never come out of a run.</summary>
    private static readonly string[] SecretVariables = ["GITHUB_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN", "SYSTEM_ACCESSTOKEN", "MPG_HISTORY_PASSWORD", "PGPASSWORD"];

    /// <summary>With these environment variables (instead of <see cref="Environment"/>) and no others.</summary>
    /// <remarks>
    /// Every run of every scenario is checked for leaks, whatever the test asserts: no secret the run was given appears in
    /// its stdout, its stderr or any file it wrote (reports, scorecards, SQLite history files, comment bodies).
    /// </remarks>
    public Result RunWith(Func<string, string?> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var secrets = SecretVariables.Select(environment).OfType<string>().Where(v => v.Length >= 6).Distinct(StringComparer.Ordinal).ToList();
        var before = secrets.Count > 0 ? Snapshot() : [];
        var code = MpgApp.Run(args, stdout, stderr, WorkingDirectory, MpgHost.Isolated with { Environment = environment, Clock = () => Now });
        var result = new Result(code, stdout.ToString(), stderr.ToString());
        if (secrets.Count > 0)
        {
            AssertNoSecretLeaked(secrets, result, before);
        }

        return result;
    }

    private Dictionary<string, DateTime> Snapshot() =>
        Directory.EnumerateFiles(WorkingDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);

    private void AssertNoSecretLeaked(List<string> secrets, Result result, Dictionary<string, DateTime> before)
    {
        var written = Snapshot().Where(f => !before.TryGetValue(f.Key, out var at) || at != f.Value).Select(f => f.Key)
            .Where(f => new FileInfo(f).Length < (64 << 20));
        var places = new List<(string Where, string Text)> { ("stdout", result.Stdout), ("stderr", result.Stderr) };
        places.AddRange(written.Select(f => (Path.GetRelativePath(WorkingDirectory, f), System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f)))));
        foreach (var (where, text) in places)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret given in the environment came out in {where}");
            }
        }
    }

    public string PathOf(string name) => Path.Combine(WorkingDirectory, name);

    public JsonElement Json(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name))).RootElement;

    public void Dispose() => Directory.Delete(WorkingDirectory, recursive: true);

    internal sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>No .NET stack trace anywhere in what the user sees.</summary>
        public bool HasStackTrace => (Stdout + Stderr).Contains("   at ", StringComparison.Ordinal) || (Stdout + Stderr).Contains("Exception:", StringComparison.Ordinal);
    }
}

internal static class JsonNodes
{
    public static JsonElement Node(this JsonElement document, string id) =>
        document.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id);
}
