using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Cli.Tests.Site;

/// <summary>
/// <c>examples/github/mpg-site.yml</c>, as a reviewer would check it: the official Pages actions, every action pinned to
/// a full commit SHA, no permission by default, reading to build and Pages writing only where it deploys, and the site
/// built by the command the README documents.
/// </summary>
public sealed partial class PagesWorkflow
{
    [GeneratedRegex(@"^\s*-?\s*uses:\s*(?<action>[^@\s]+)@(?<ref>\S+)", RegexOptions.Multiline)]
    private static partial Regex Uses();

    private static string File => Path.Combine(ExampleAndInit.Example("github"), "mpg-site.yml");

    [Fact]
    public void EveryAction_IsTheOfficialOnePinnedToAFullSha()
    {
        var uses = Uses().Matches(System.IO.File.ReadAllText(File)).Select(m => (m.Groups["action"].Value, m.Groups["ref"].Value)).ToList();

        Assert.Equal(
            ["actions/checkout", "actions/setup-dotnet", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"],
            uses.Select(u => u.Item1));
        Assert.All(uses, u => Assert.Matches("^[0-9a-f]{40}$", u.Item2));
    }

    [Fact]
    public void Permissions_AreTheLeastEachJobNeeds()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(File))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Empty((YamlMappingNode)root["permissions"]);
        var jobs = (YamlMappingNode)root["jobs"];
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Permissions(jobs["build"]));
        Assert.Equal(new Dictionary<string, string> { ["pages"] = "write", ["id-token"] = "write" }, Permissions(jobs["deploy"]));
        Assert.Contains("mpg site ", System.IO.File.ReadAllText(File), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Permissions(YamlNode job) =>
        ((YamlMappingNode)((YamlMappingNode)job)["permissions"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
}
