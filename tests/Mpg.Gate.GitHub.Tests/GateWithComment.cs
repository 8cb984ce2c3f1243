using System.Text.RegularExpressions;
using Mpg.Gate.Cli;

namespace Mpg.Gate.GitHub.Tests;

/// <summary>
/// <c>mpg gate --comment</c> and <c>mpg comment</c> end to end: the real CLI, the real Octokit client,
/// the GitHub double; the environment is the test's own, never the machine's.
/// </summary>
public sealed partial class GateWithComment : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("mpg-gh-").FullName;
    private readonly List<TimeSpan> waits = [];
    private FakeGitHub server = null!;

    public async Task InitializeAsync() => server = await FakeGitHub.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    private static string SameSuite(string model) =>
        Directory.GetFiles(Data("lm-eval", "v0.4-same-suite", model), "results_*.json").Order(StringComparer.Ordinal).First();

    private string PathOf(string name) => Path.Combine(folder, name);

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "octo/evals",
        ["GITHUB_API_URL"] = server.ApiUrl.AbsoluteUri,
        ["GITHUB_TOKEN"] = FakeGitHub.Token,
        ["GITHUB_STEP_SUMMARY"] = PathOf("summary.md"),
        ["GITHUB_OUTPUT"] = PathOf("output.txt"),
        ["GITHUB_WORKSPACE"] = folder,
    };

    private (int Code, string Out, string Err) Run(Dictionary<string, string> env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new MpgHost(name => env.GetValueOrDefault(name), (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        });
        var code = MpgApp.Run(args, stdout, stderr, folder, host);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Scores the 3B baseline, then gates a candidate (1B fails, 3B rerun passes) with --comment.</summary>
    private (int Code, string Out, string Err) Gate(string candidate, string? policyExtra = null, Dictionary<string, string>? env = null)
    {
        var policy = PathOf("mpg.yml");
        File.WriteAllText(policy, File.ReadAllText(Data("cli", "suite.yml")) + (policyExtra ?? string.Empty));
        var isolated = new Dictionary<string, string>();
        Assert.Equal(0, Run(isolated, "score", "-p", policy, "-i", SameSuite("meta-llama__Llama-3.2-3B"), "-o", "baseline.json").Code);
        return Run(env ?? Environment(), "gate", "-p", policy, "-i", SameSuite(candidate), "--baseline", "baseline.json", "--pr", "7", "--comment", "--report-md", "report.md", "--json", "verdict.json");
    }

    private void AssertNoToken((int Code, string Out, string Err) result)
    {
        Assert.DoesNotContain(FakeGitHub.Token, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, result.Err, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(FakeGitHub.Token, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^::error file=(?<file>[^,]+),line=(?<line>\d+),col=\d+,title=(?<title>[^:]+)::", RegexOptions.Multiline)]
    private static partial Regex ErrorAnnotation();

    [GeneratedRegex(@"^::warning title=MPG4001::", RegexOptions.Multiline)]
    private static partial Regex CommentWarning();

    [Fact]
    public void FailingGate_PostsTheComment_AnnotatesTheRules_AndWritesSummaryAndOutputs()
    {
        var result = Gate("meta-llama__Llama-3.2-1B");

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        var comment = Assert.Single(server.Comments);
        Assert.Equal(File.ReadAllText(PathOf("report.md")), comment.Body);
        Assert.StartsWith("<!-- mpg-gate:suite -->", comment.Body, StringComparison.Ordinal);

        var annotations = ErrorAnnotation().Matches(result.Out);
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.Equal("mpg.yml", a.Groups["file"].Value));
        Assert.Contains(annotations, a => a.Groups["title"].Value == "MPG1001 goodness");
        var policyLines = File.ReadAllLines(PathOf("mpg.yml"));
        Assert.All(annotations, a => Assert.Contains("node:", policyLines[int.Parse(a.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1], StringComparison.Ordinal));

        Assert.Contains("<!-- mpg-gate:suite -->", File.ReadAllText(PathOf("summary.md")), StringComparison.Ordinal);
        var outputs = File.ReadAllLines(PathOf("output.txt")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("fail", outputs["verdict"]);
        var verdict = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("verdict.json"))).RootElement;
        var goodness = verdict.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "goodness");
        Assert.Equal(goodness.GetProperty("candidateMean").GetDouble(), double.Parse(outputs["goodness"], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.True(double.Parse(outputs["fastness"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        AssertNoToken(result);
    }

    [Fact]
    public void SecondGate_PatchesTheSameComment()
    {
        Gate("meta-llama__Llama-3.2-1B");
        var second = Gate("meta-llama__Llama-3.2-3B");

        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Equal(["POST", "PATCH"], server.Writes.Select(w => w.Method));
        // The same results file again, unpaired: "not worse than 1 point" is not shown, so inconclusive (exit 0).
        Assert.Contains("<!-- mpg-verdict:inconclusive -->", Assert.Single(server.Comments).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerErrors_WarnAndKeepTheVerdictsExitCode()
    {
        server.FailNext(100, 500, "Server Error");

        var result = Gate("meta-llama__Llama-3.2-1B");

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Contains("warning MPG4001", result.Err, StringComparison.Ordinal);
        Assert.Single(CommentWarning().Matches(result.Out));
        Assert.Equal(3, waits.Count);
        Assert.Empty(server.Comments);
        AssertNoToken(result);
    }

    [Fact]
    public void Forbidden_WarnsAndKeepsThePassingExitCode()
    {
        server.FailNext(1, 403, "Resource not accessible by integration");

        var result = Gate("meta-llama__Llama-3.2-3B");

        Assert.Equal(ExitCodes.Ok, result.Code);
        Assert.Contains("warning MPG4001", result.Err, StringComparison.Ordinal);
        Assert.Contains("fork", result.Err, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        AssertNoToken(result);
    }

    [Fact]
    public void RequiredComment_ThatFails_Exits4()
    {
        server.FailNext(100, 503, "Service Unavailable");

        var result = Gate("meta-llama__Llama-3.2-3B", "github: { comment: always, required: true }\n");

        Assert.Equal(ExitCodes.ServiceError, result.Code);
        Assert.Contains("error MPG4001", result.Err, StringComparison.Ordinal);
        AssertNoToken(result);
    }

    [Fact]
    public void OutsideActions_NoSummaryOutputsOrAnnotations()
    {
        var env = new Dictionary<string, string>
        {
            ["GITHUB_REPOSITORY"] = "octo/evals",
            ["GITHUB_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
        };

        var result = Gate("meta-llama__Llama-3.2-1B", env: env);

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        Assert.Empty(ErrorAnnotation().Matches(result.Out));
        Assert.False(File.Exists(PathOf("summary.md")));
        Assert.False(File.Exists(PathOf("output.txt")));
        Assert.Single(server.Comments);
    }

    [Fact]
    public void CommentCommand_PostsAReportMadeEarlier_OnRegressionSkipsAPass()
    {
        Gate("meta-llama__Llama-3.2-3B", "github: { comment: never }\n");
        Assert.Empty(server.Requests);
        File.WriteAllText(PathOf("mpg.yml"), File.ReadAllText(Data("cli", "suite.yml")) + "github: { comment: on-regression }\n");

        var skipped = Run(Environment(), "comment", "--report-md", "report.md", "--pr", "7");
        Assert.Equal(ExitCodes.Ok, skipped.Code);
        Assert.Empty(server.Writes);

        File.WriteAllText(PathOf("mpg.yml"), File.ReadAllText(Data("cli", "suite.yml")));
        var posted = Run(Environment(), "comment", "--report-md", "report.md", "--pr", "7");
        Assert.Equal(ExitCodes.Ok, posted.Code);
        Assert.Equal(File.ReadAllText(PathOf("report.md")), Assert.Single(server.Comments).Body);
        AssertNoToken(posted);
    }

    [Fact]
    public void CommentCommand_OnAFileWithoutMarker_IsAnInputError()
    {
        File.WriteAllText(PathOf("notes.md"), "# notes\n");

        var result = Run(Environment(), "comment", "--report-md", "notes.md", "--pr", "7");

        Assert.Equal(ExitCodes.InputError, result.Code);
        Assert.Empty(server.Requests);
    }
}
