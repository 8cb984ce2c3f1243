using Mpg.Gate.Cli;

namespace Mpg.Gate.Review.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliResult(int Code, string Out, string Err);

/// <summary>
/// The real CLI in-process, in a temporary folder, with the test's own environment (never the machine's) and
/// waits recorded instead of slept: the same-suite lm-eval runs, the 3B model as baseline; a 1B candidate
/// fails the gate (exit 1), the 3B rerun does not (exit 0).
/// </summary>
internal sealed class GateRun : IDisposable
{
    public const string Failing = "meta-llama__Llama-3.2-1B";
    public const string Passing = "meta-llama__Llama-3.2-3B";

    public string Folder { get; } = Directory.CreateTempSubdirectory("mpg-review-").FullName;

    public List<TimeSpan> Waits { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string PathOf(string name) => Path.Combine(Folder, name);

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public CliResult Run(params string[] args) => Run(Environment, args);

    public CliResult Run(Dictionary<string, string> env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new MpgHost(name => env.GetValueOrDefault(name), (wait, _) =>
        {
            Waits.Add(wait);
            return Task.CompletedTask;
        });
        var code = MpgApp.Run(args, stdout, stderr, Folder, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes the policy (the CLI suite's, or <paramref name="policy"/>), scores the baseline, and gates <paramref name="candidate"/>.</summary>
    public CliResult Gate(string candidate, string? policyExtra = null, string? policy = null, params string[] extra)
    {
        var file = PathOf("mpg.yml");
        File.WriteAllText(file, (policy ?? File.ReadAllText(Data("cli", "suite.yml"))) + (policyExtra ?? string.Empty));
        Assert.Equal(0, Run([], "score", "-p", file, "-i", SameSuite(Passing), "-o", "baseline.json").Code);
        return Run(["gate", "-p", file, "-i", SameSuite(candidate), "--baseline", "baseline.json", "--report-md", "report.md", "--json", "verdict.json", .. extra]);
    }

    /// <summary>The token in no output, no file written, no exception message.</summary>
    public void AssertNoToken(CliResult result, string token)
    {
        Assert.DoesNotContain(token, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Err, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(token, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string SameSuite(string model) =>
        Directory.GetFiles(Data("lm-eval", "v0.4-same-suite", model), "results_*.json").Order(StringComparer.Ordinal).First();
}
