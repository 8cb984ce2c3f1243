using System.Text.RegularExpressions;
using Mpg.Gate.Cli;

namespace Mpg.Gate.Review.Tests;

/// <summary>
/// A node named to break out of a logging command (<c>;</c>, <c>]</c>, <c>%</c>, CR, LF, <c>::</c>, a command of
/// its own): every <c>##vso</c> and <c>::error</c> line, read back by a parser of the documented syntax, carries
/// the name as data, and no other line of the log reads as a command.
/// </summary>
public sealed partial class HostileNamesInLogCommands : IDisposable
{
    private const string Hostile = "ps;x=1]%AZP25%0A\r\n##vso[task.setvariable variable=mpg.verdict]pass\n::error file=a,line=1::owned,%3A";
    private readonly GateRun run = new();

    public void Dispose() => run.Dispose();

    private static string Policy()
    {
        var quoted = "\"" + Hostile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
        return File.ReadAllText(GateRun.Data("cli", "suite.yml"))
            .Replace("- name: problem-solving", "- name: " + quoted, StringComparison.Ordinal)
            .Replace("{ node: problem-solving }", "{ node: " + quoted + " }", StringComparison.Ordinal);
    }

    // ##vso[area.action key=value;key=value]message (learn.microsoft.com: logging commands).
    [GeneratedRegex(@"^##vso\[(?<command>[a-z]+\.[a-z]+)(?: (?<properties>[^\]]*))?\](?<message>[^\r\n]*)$")]
    private static partial Regex VsoCommand();

    // ::command key=value,key=value::message (docs.github.com: workflow commands).
    [GeneratedRegex(@"^::(?<command>[a-z-]+)(?: (?<properties>[^:]*))?::(?<message>[^\r\n]*)$")]
    private static partial Regex ActionsCommand();

    private static string UnescapeVso(string text) =>
        text.Replace("%3B", ";", StringComparison.Ordinal).Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%5D", "]", StringComparison.Ordinal).Replace("%AZP25", "%", StringComparison.Ordinal);

    private static string UnescapeActions(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal)
            .Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    [Fact]
    public void AzurePipelines_EveryCommandParses_AndTheNameIsData()
    {
        run.Environment["TF_BUILD"] = "True";
        run.Environment["AGENT_TEMPDIRECTORY"] = run.PathOf("agent-temp");

        var result = run.Gate(GateRun.Failing, policy: Policy());

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        var log = (result.Out + "\n" + result.Err).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // The agent acts on "##vso[" anywhere in a line: only whole, parsed commands of ours may hold it.
        var commands = log.Where(l => l.Contains("##vso[", StringComparison.OrdinalIgnoreCase) || l.Contains("##[", StringComparison.Ordinal)).ToList();
        Assert.All(commands, l => Assert.Matches(VsoCommand(), l));
        Assert.DoesNotContain(commands, l => l.StartsWith("##vso[task.setvariable variable=mpg.verdict]", StringComparison.Ordinal));
        Assert.Contains("##vso[task.setvariable variable=mpg.verdict;isOutput=true]fail", commands);

        var hostileIssue = commands
            .Select(l => VsoCommand().Match(l))
            .Single(m => m.Groups["command"].Value == "task.logissue" && UnescapeVso(m.Groups["message"].Value).Contains(Hostile, StringComparison.Ordinal));
        var properties = hostileIssue.Groups["properties"].Value.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => UnescapeVso(p[1]));
        Assert.Equal(["type", "sourcepath", "linenumber", "columnnumber", "code"], properties.Keys);
        Assert.Equal("error", properties["type"]);
        Assert.Equal("mpg.yml", properties["sourcepath"]);
    }

    [Fact]
    public void GitHubActions_EveryAnnotationParses_AndTheNameIsData()
    {
        run.Environment["GITHUB_ACTIONS"] = "true";
        run.Environment["GITHUB_WORKSPACE"] = run.Folder;

        var result = run.Gate(GateRun.Failing, policy: Policy());

        Assert.Equal(ExitCodes.GateFailed, result.Code);
        var log = (result.Out + "\n" + result.Err).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // The runner acts on lines starting with "::": each must be one of ours, whole.
        var commands = log.Where(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, l => Assert.Matches(ActionsCommand(), l));
        Assert.DoesNotContain(commands, l => l.StartsWith("::error file=a,", StringComparison.Ordinal));

        var hostile = commands.Select(l => ActionsCommand().Match(l)).Single(m => m.Groups["properties"].Value.Contains("title=", StringComparison.Ordinal)
            && UnescapeActions(m.Groups["properties"].Value.Split("title=")[1]).Contains(Hostile, StringComparison.Ordinal));
        var properties = hostile.Groups["properties"].Value.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => UnescapeActions(p[1]));
        Assert.Equal(["file", "line", "col", "title"], properties.Keys);
        Assert.Equal("mpg.yml", properties["file"]);
        Assert.Contains(Hostile, UnescapeActions(hostile.Groups["message"].Value), StringComparison.Ordinal);
    }
}
