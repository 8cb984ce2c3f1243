using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>
/// The packed Mpg.Gate.MSBuild carries the NativeAOT mpg of this machine's RID (tools/native/RID/), the very binary of
/// the Mpg.Gate.Tool RID package, and a real <c>dotnet build</c> runs it; <c>MpgUseNativeCli=false</c> runs the portable
/// tools/cli/mpg.dll with dotnet, and the two write the same verdict bytes.
/// </summary>
// Slow: packs the packages (one NativeAOT compile) and runs real dotnet builds of a consumer project (minutes).
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class NativeCli(PackagesFixture packages)
{
    private static readonly string Rid = RuntimeInformation.RuntimeIdentifier;

    private static string NativeName => OperatingSystem.IsWindows() ? "mpg.exe" : "mpg";

    /// <summary>Where this machine's RID is one we ship, the package has its binary; the tests below then expect it to run.</summary>
    private bool Shipped => PackagesFixture.ShippedRuntimes.Contains(Rid);

    [Fact]
    public void Package_HoldsThisRidsNativeCli_ExecutableAsPacked()
    {
        Assert.True(Shipped == (packages.NativeCliDirectory is not null), "the fixture packs a native CLI exactly on a RID we ship");
        using var zip = ZipFile.OpenRead(Directory.GetFiles(packages.Feed, "Mpg.Gate.MSBuild.*.nupkg").Single());
        var native = zip.Entries.Where(e => e.FullName.StartsWith("tools/native/", StringComparison.Ordinal)).ToList();
        if (!Shipped)
        {
            Assert.Empty(native);
            return;
        }

        var names = native.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"tools/native/{Rid}/{NativeName}", names);
        // Its native libraries beside it: the history store's SQLite and the charts' Skia.
        Assert.Contains(names, n => n.StartsWith($"tools/native/{Rid}/", StringComparison.Ordinal) && n.Contains("e_sqlite3", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith($"tools/native/{Rid}/", StringComparison.Ordinal) && n.Contains("SkiaSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".dbg", StringComparison.Ordinal));

        // The packed bytes are a native executable (not a .NET assembly) that starts and prints the package version.
        var directory = Directory.CreateTempSubdirectory("mpg-native-").FullName;
        try
        {
            foreach (var entry in native)
            {
                entry.ExtractToFile(Path.Combine(directory, entry.Name));
            }

            var binary = Path.Combine(directory, NativeName);
            var head = File.ReadAllBytes(binary)[..4];
            Assert.True(OperatingSystem.IsWindows() ? head[0] == 'M' && head[1] == 'Z' : OperatingSystem.IsMacOS() ? head[3] == 0xFE || head[0] == 0xCF : head.SequenceEqual(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), "not a native executable");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
            }

            var version = DotnetCommand.Run(binary, directory, null, "--version");
            Assert.Equal((0, packages.Version), (version.ExitCode, version.Stdout.Trim()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Targets_PickTheNativeCliForThisRid_UnlessMpgUseNativeCliIsFalse()
    {
        using var consumer = new ConsumerProject(packages);
        var restore = DotnetCommand.Dotnet(consumer.ProjectDirectory, packages.PackagesFolder, "restore");
        Assert.True(restore.ExitCode == 0, restore.All);

        var chosen = CliPath(consumer);
        var portable = CliPath(consumer, "-p:MpgUseNativeCli=false");

        Assert.EndsWith(Shipped ? Path.Combine("tools", "native", Rid, NativeName) : Path.Combine("tools", "cli", "mpg.dll"), chosen, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("tools", "cli", "mpg.dll"), portable, StringComparison.Ordinal);
        Assert.True(File.Exists(chosen) && File.Exists(portable), chosen);
    }

    [Fact]
    public void DotnetBuild_RunsTheNativeCli_ThePortableOneWhenAsked_SameVerdictBytes()
    {
        using var consumer = new ConsumerProject(packages);
        consumer.Environment["SOURCE_DATE_EPOCH"] = "1767323045"; // the verdict's createdAt, so two runs can be byte-identical

        var native = consumer.Build("-v:n");

        Assert.True(native.ExitCode == 0, native.All);
        var ran = RanCommand(native);
        var nativeVerdict = File.ReadAllBytes(consumer.VerdictFile);
        Assert.Equal("pass", consumer.RecordedVerdict[0]);
        if (Shipped)
        {
            // The task ran the binary itself: no dotnet, no mpg.dll.
            Assert.StartsWith(Path.Combine(packages.PackagesFolder, "mpg.gate.msbuild", packages.Version, "tools", "native", Rid, NativeName) + " gate ", ran, StringComparison.Ordinal);
            Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(ran.Split(' ')[0]) & UnixFileMode.UserExecute) != 0);
        }
        else
        {
            Assert.Contains(Path.Combine("tools", "cli", "mpg.dll") + " gate ", ran, StringComparison.Ordinal);
        }

        // The choice is an input of the incremental gate: switching to the portable CLI runs the gate again, with dotnet.
        var portable = consumer.Build("-v:n", "-p:MpgUseNativeCli=false");

        Assert.True(portable.ExitCode == 0, portable.All);
        Assert.DoesNotContain("Skipping target \"_MpgGateRun\"", portable.Stdout, StringComparison.Ordinal);
        var ranPortable = RanCommand(portable);
        Assert.Contains(" exec ", ranPortable, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(packages.PackagesFolder, "mpg.gate.msbuild", packages.Version, "tools", "cli", "mpg.dll") + " gate ", ranPortable, StringComparison.Ordinal);
        Assert.Equal(nativeVerdict, File.ReadAllBytes(consumer.VerdictFile));

        // And the binary that runs is an input too: a newer one (a package update in place) runs the gate again.
        var again = consumer.Build("-v:n");
        Assert.DoesNotContain("Skipping target \"_MpgGateRun\"", again.Stdout, StringComparison.Ordinal);
        var unchanged = consumer.Build("-v:n");
        Assert.Contains("Skipping target \"_MpgGateRun\"", unchanged.Stdout, StringComparison.Ordinal);
        File.SetLastWriteTimeUtc(RanCommand(again).Split(' ')[0], DateTime.UtcNow);
        var touched = consumer.Build("-v:n");
        Assert.DoesNotContain("Skipping target \"_MpgGateRun\"", touched.Stdout, StringComparison.Ordinal);
        Assert.Equal(nativeVerdict, File.ReadAllBytes(consumer.VerdictFile));
    }

    /// <summary>The command line our task logged (ToolTask logs the command it starts), trimmed.</summary>
    private static string RanCommand(DotnetCommand.Output build)
    {
        var lines = build.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(" gate -p ", StringComparison.Ordinal)).ToList();
        return Assert.Single(lines);
    }

    private string CliPath(ConsumerProject consumer, params string[] args)
    {
        var evaluated = DotnetCommand.Dotnet(consumer.ProjectDirectory, packages.PackagesFolder, ["msbuild", "-getProperty:_MpgCliPath", "-nodeReuse:false", .. args]);
        Assert.True(evaluated.ExitCode == 0, evaluated.All);
        return evaluated.Stdout.Trim().Split('\n')[^1].Trim();
    }
}
