using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>
/// Packs Mpg.Gate.MSBuild and Mpg.Gate.Tool once per test run, from the repository's sources, into a fresh
/// folder, with a fresh NuGet packages folder for everything that restores them: a package cached by an
/// earlier run can never stand in for the one just built.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    public PackagesFixture()
    {
        Root = Directory.CreateTempSubdirectory("mpg-packages-").FullName;
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "nuget-packages");
        var build = Path.Combine(Root, "build");
        // The tool is a pointer package, this machine's NativeAOT package (when its RID is one we ship) and the portable
        // "any" one, as a release publishes them (the other RIDs are built on their own OS by .github/workflows).
        var toolPacks = new List<string[]> { Array.Empty<string>(), new[] { "-r", "any" } };
        if (ShippedRuntimes.Contains(RuntimeInformation.RuntimeIdentifier))
        {
            toolPacks.Add(["-r", RuntimeInformation.RuntimeIdentifier]);
        }

        foreach (var (project, extra) in toolPacks.Select(r => ("Mpg.Gate.Cli", r)).Prepend(("Mpg.Gate.MSBuild", Array.Empty<string>())))
        {
            // --artifacts-path keeps this build's bin and obj out of the working tree the test run itself was built in.
            var pack = DotnetCommand.Dotnet(Repository.Root, null, ["pack", Path.Combine(Repository.Root, "src", project), "-c", "Release", "-o", Feed, "--artifacts-path", build, .. extra]);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} {string.Join(' ', extra)} failed ({pack.ExitCode}):\n{pack.All}");
            }
        }

        Version = VersionOf(Directory.GetFiles(Feed, "Mpg.Gate.MSBuild.*.nupkg").Single());
    }

    /// <summary>The RIDs Mpg.Gate.Tool ships NativeAOT packages for (the CLI project's ToolPackageRuntimeIdentifiers, less "any").</summary>
    public static IReadOnlyList<string> ShippedRuntimes { get; } = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64"];

    public string Root { get; }

    /// <summary>The folder feed holding the two packages.</summary>
    public string Feed { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    /// <summary>A nuget.config: our packages only from the feed, everything else from the machine's usual source.</summary>
    public string NugetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{PackagesFolder}" />
          </config>
          <packageSources>
            <clear />
            <add key="mpg-feed" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="mpg-feed">
              <package pattern="Mpg.Gate.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string VersionOf(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        return document.Descendants().Single(e => e.Name.LocalName == "version").Value;
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    public const string Name = "packages";
}
