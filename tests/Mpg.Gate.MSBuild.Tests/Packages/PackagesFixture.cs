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
        Directory.CreateDirectory(Feed);
        // The tool is a pointer package, this machine's NativeAOT package (when its RID is one we ship) and the portable
        // "any" one, as a release publishes them (the other RIDs are built on their own OS by .github/workflows).
        Pack("Mpg.Gate.Cli", build);
        Pack("Mpg.Gate.Cli", build, "-r", "any");
        if (ShippedRuntimes.Contains(RuntimeInformation.RuntimeIdentifier))
        {
            // The one NativeAOT compile of the run (ILCompiler: minutes). .ci/run makes it once, before the tests, and
            // names its feed in MPG_NATIVE_TOOL_FEED, so these tests and the CLI's acceptance run share it.
            if (Environment.GetEnvironmentVariable(NativeToolFeedVariable) is { Length: > 0 } given)
            {
                var prebuilt = Directory.Exists(given) ? Directory.GetFiles(given, $"Mpg.Gate.Tool.{RuntimeInformation.RuntimeIdentifier}.*.nupkg") : [];
                if (prebuilt.Length != 1)
                {
                    throw new InvalidOperationException($"{NativeToolFeedVariable}={given} holds {prebuilt.Length} Mpg.Gate.Tool.{RuntimeInformation.RuntimeIdentifier} packages, not one: pack it there with dotnet pack src/Mpg.Gate.Cli -c Release -r {RuntimeInformation.RuntimeIdentifier} -o {given}");
                }

                File.Copy(prebuilt[0], Path.Combine(Feed, Path.GetFileName(prebuilt[0])));
            }
            else
            {
                Pack("Mpg.Gate.Cli", build, "-r", RuntimeInformation.RuntimeIdentifier);
            }

            // The MSBuild package ships that very binary (and its native libraries) as tools/native/RID/.
            NativeCliDirectory = Path.Combine(Root, "native");
            ExtractNativeCli(Directory.GetFiles(Feed, $"Mpg.Gate.Tool.{RuntimeInformation.RuntimeIdentifier}.*.nupkg").Single(), Path.Combine(NativeCliDirectory, RuntimeInformation.RuntimeIdentifier));
        }

        Pack("Mpg.Gate.MSBuild", build, NativeCliDirectory is null ? [] : [$"-p:MpgNativeCliDirectory={NativeCliDirectory}"]);
        Version = VersionOf(Directory.GetFiles(Feed, "Mpg.Gate.MSBuild.*.nupkg").Single());
    }

    /// <summary>A folder feed holding this machine's NativeAOT Mpg.Gate.Tool package, packed before the tests (by .ci/run).</summary>
    public const string NativeToolFeedVariable = "MPG_NATIVE_TOOL_FEED";

    /// <summary>Where the MSBuild package's native CLIs were taken from (one folder per RID), or null on a RID we do not ship.</summary>
    public string? NativeCliDirectory { get; }

    private void Pack(string project, string build, params string[] extra)
    {
        // --artifacts-path keeps this build's bin and obj out of the working tree the test run itself was built in.
        var pack = DotnetCommand.Dotnet(Repository.Root, null, ["pack", Path.Combine(Repository.Root, "src", project), "-c", "Release", "-o", Feed, "--artifacts-path", build, .. extra]);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project} {string.Join(' ', extra)} failed ({pack.ExitCode}):\n{pack.All}");
        }
    }

    /// <summary>The RID package's tools/TFM/RID/ folder (the published NativeAOT CLI), less the tool's settings file.</summary>
    private static void ExtractNativeCli(string package, string directory)
    {
        using var zip = ZipFile.OpenRead(package);
        var files = zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name.Length > 0 && e.Name != "DotnetToolSettings.xml").ToList();
        var binary = files.Single(e => e.Name is "mpg" or "mpg.exe");
        var folder = binary.FullName[..^binary.Name.Length];
        Directory.CreateDirectory(directory);
        foreach (var entry in files.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal)))
        {
            var target = Path.Combine(directory, entry.FullName[folder.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }
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
