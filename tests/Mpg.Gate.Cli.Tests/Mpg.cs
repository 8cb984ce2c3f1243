using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mpg.Gate.Cli;

namespace Mpg.Gate.Cli.Tests;

/// <summary>
/// Runs the real <c>mpg</c> entry point in-process, in a fresh temporary working folder; or, with
/// <c>MPG_TEST_CLI</c> naming an mpg binary (.ci/run: the published NativeAOT one), that binary in a child process,
/// with the same arguments, working folder, environment and clock (as <c>SOURCE_DATE_EPOCH</c>).
/// </summary>
internal sealed class Mpg : IDisposable
{
    /// <summary>The variable naming the binary to run instead of the in-process entry point.</summary>
    public const string CliVariable = "MPG_TEST_CLI";

    /// <summary>The binary every run starts, or null to run in-process. Named but missing fails every run: never a skip, never the in-process one.</summary>
    public static string? Cli { get; } = System.Environment.GetEnvironmentVariable(CliVariable) is { Length: > 0 } cli ? Path.GetFullPath(cli) : null;

    /// <summary>
    /// The environment variables mpg reads (through its host): the child process gets these from the test's environment and
    /// no others, as the in-process run sees nothing else. PATH, HOME and TMPDIR come from the test process, as in-process.
    /// </summary>
    private static readonly string[] MpgVariables =
    [
        "AGENT_TEMPDIRECTORY", "BUILD_BUILDID", "BUILD_REPOSITORY_ID", "BUILD_REPOSITORY_NAME", "BUILD_REPOSITORY_PROVIDER", "BUILD_SOURCESDIRECTORY",
        "BUILD_SOURCEVERSION", "CI", "CI_API_V4_URL", "CI_COMMIT_SHA", "CI_JOB_TOKEN", "CI_JOB_URL", "CI_MERGE_REQUEST_IID", "CI_MERGE_REQUEST_PROJECT_ID",
        "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "CI_PIPELINE_URL", "CI_PROJECT_DIR", "CI_SERVER_TLS_CA_FILE", "GITHUB_ACTIONS", "GITHUB_API_URL", "GITHUB_BASE_REF",
        "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_HEAD_REF", "GITHUB_OUTPUT", "GITHUB_REF_NAME", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_SERVER_URL",
        "GITHUB_SHA", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GITHUB_WORKSPACE", "GITLAB_CI", "GITLAB_TOKEN", "MPG_HISTORY_PASSWORD", "MPG_THREADS", "PGPASSWORD",
        "SOURCE_DATE_EPOCH", "SYSTEM_ACCESSTOKEN", "SYSTEM_COLLECTIONURI", "SYSTEM_PULLREQUEST_ISFORK", "SYSTEM_PULLREQUEST_PULLREQUESTID",
        "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "SYSTEM_PULLREQUEST_SOURCECOMMITID", "SYSTEM_TEAMPROJECT", "TF_BUILD",
    ];

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
        var result = Cli is null
            ? new Result(MpgApp.Run(args, stdout, stderr, WorkingDirectory, MpgHost.Isolated with { Environment = environment, Clock = () => Now }), stdout.ToString(), stderr.ToString())
            : RunCli(Cli, environment, args);
        if (secrets.Count > 0)
        {
            AssertNoSecretLeaked(secrets, result, before);
        }

        return result;
    }

    private Result RunCli(string cli, Func<string, string?> environment, string[] args)
    {
        Assert.True(File.Exists(cli), $"{CliVariable}={cli}: no such file (the binary the acceptance tests were told to run)");
        var start = new ProcessStartInfo(cli)
        {
            WorkingDirectory = WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var name in MpgVariables)
        {
            if (environment(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment.TryAdd("SOURCE_DATE_EPOCH", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{cli} {string.Join(' ', args)} did not finish in 5 minutes");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
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
