using System.Text.Json.Nodes;
using Mpg.Gate.Cli;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary><c>dotnet tool install</c> of the packed Mpg.Gate.Tool from a folder feed; the installed mpg agrees with the in-process one.</summary>
// Slow: packs the tool package and installs it with dotnet tool install (minutes).
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class ToolInstall(PackagesFixture packages) : IDisposable
{
    private readonly Example example = new();
    private readonly string toolPath = Directory.CreateTempSubdirectory("mpg-tool-").FullName;

    public void Dispose()
    {
        example.Dispose();
        Directory.Delete(toolPath, recursive: true);
    }

    [Fact]
    public void InstalledTool_PrintsThePackageVersion_AndGivesTheInProcessVerdicts()
    {
        var install = DotnetCommand.Dotnet(toolPath, packages.PackagesFolder, "tool", "install", "--tool-path", toolPath, "Mpg.Gate.Tool", "--add-source", packages.Feed, "--version", packages.Version);
        Assert.True(install.ExitCode == 0, install.All);
        var mpg = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "mpg.exe" : "mpg");

        // On a RID we ship, the pointer package resolved to that RID's NativeAOT package: a native mpg, no mpg.dll to JIT.
        if (PackagesFixture.ShippedRuntimes.Contains(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier))
        {
            var store = Path.Combine(toolPath, ".store");
            Assert.Empty(Directory.GetFiles(store, "mpg.dll", SearchOption.AllDirectories));
            Assert.Contains(Directory.GetDirectories(store, "*", SearchOption.AllDirectories), d => Path.GetFileName(d).EndsWith("." + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, StringComparison.Ordinal));
        }

        var version = DotnetCommand.Run(mpg, example.Directory, null, "--version");

        Assert.Equal((0, packages.Version), (version.ExitCode, version.Stdout.Trim()));
        foreach (var (inputs, exitCode) in new[] { (Array.Empty<string>(), 0), (new[] { "-i", example.RegressedRun }, 1) })
        {
            var installed = DotnetCommand.Run(mpg, example.Directory, null, ["gate", "-p", example.Policy, "--json", "installed.json", .. inputs]);
            var inProcess = MpgApp.Run(["gate", "-p", example.Policy, "--json", "in-process.json", .. inputs], new StringWriter(), new StringWriter(), example.Directory);

            Assert.Equal((exitCode, exitCode), (installed.ExitCode, inProcess));
            Assert.True(JsonNode.DeepEquals(Verdict("installed.json"), Verdict("in-process.json")));
        }
    }

    /// <summary>The verdict JSON less its creation time, the one field two runs may differ in.</summary>
    private JsonNode Verdict(string file)
    {
        var verdict = JsonNode.Parse(File.ReadAllText(Path.Combine(example.Directory, file)))!.AsObject();
        Assert.NotNull(verdict["verdict"]);
        verdict.Remove("createdAt");
        return verdict;
    }
}
