using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>
/// The packed Mpg.Gate.MSBuild carries the task for both MSBuilds: net10.0 for dotnet build, net472 for Visual Studio's
/// .NET Framework MSBuild, which can load nothing else; and its targets pick one by $(MSBuildRuntimeType).
/// </summary>
// Slow: packs the packages (minutes).
[Trait("Category", "Slow")]
[Collection(PackagesCollection.Name)]
public sealed class TaskAssemblies(PackagesFixture packages)
{
    // What Visual Studio's MSBuild process has: its own API and the .NET Framework's assemblies.
    private static readonly string[] FrameworkAndMSBuild =
        ["mscorlib", "System", "System.Core", "System.Xml", "System.Xml.Linq", "System.Runtime.Serialization", "Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core"];

    [Fact]
    public void Package_HoldsTheTaskForBothFrameworks()
    {
        using var zip = ZipFile.OpenRead(Package());
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("tasks/net10.0/Mpg.Gate.MSBuild.dll", names);
        Assert.Contains("tasks/net472/Mpg.Gate.MSBuild.dll", names);
        Assert.Contains("tools/cli/mpg.dll", names);
        Assert.DoesNotContain(names, n => n.StartsWith("tasks/net472/", StringComparison.Ordinal) && n != "tasks/net472/Mpg.Gate.MSBuild.dll");
    }

    [Fact]
    public void Net472Task_ReferencesOnlyMSBuildAndTheFramework()
    {
        using var zip = ZipFile.OpenRead(Package());
        using var memory = new MemoryStream();
        using (var entry = zip.GetEntry("tasks/net472/Mpg.Gate.MSBuild.dll")!.Open())
        {
            entry.CopyTo(memory);
        }

        memory.Position = 0;
        using var pe = new PEReader(memory);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
        var framework = metadata.GetCustomAttributes(EntityHandle.AssemblyDefinition)
            .Select(a => metadata.GetCustomAttribute(a))
            .Select(a => metadata.GetBlobReader(a.Value))
            .Select(TargetFramework)
            .FirstOrDefault(f => f.StartsWith(".NETFramework", StringComparison.Ordinal));

        Assert.Equal(".NETFramework,Version=v4.7.2", framework);
        Assert.Contains("Microsoft.Build.Utilities.Core", references);
        Assert.All(references, r => Assert.Contains(r, FrameworkAndMSBuild));
    }

    [Fact]
    public void Targets_PickTheTaskByMSBuildRuntimeType()
    {
        using var zip = ZipFile.OpenRead(Package());
        using var stream = zip.GetEntry("build/Mpg.Gate.MSBuild.targets")!.Open();
        var ns = XNamespace.None;
        var choices = XDocument.Load(stream).Descendants(ns + "_MpgTaskFramework")
            .ToDictionary(e => (string)e.Attribute("Condition")!, e => e.Value, StringComparer.Ordinal);

        Assert.Equal("net10.0", choices["'$(MSBuildRuntimeType)' == 'Core'"]);
        Assert.Equal("net472", choices["'$(MSBuildRuntimeType)' != 'Core'"]);
    }

    [Fact]
    public void DotnetBuild_EvaluatesTheNet10TaskFromThePackage()
    {
        using var consumer = new ConsumerProject(packages);

        // Restored first, on its own: the package's targets are imported only in an evaluation after the restore.
        var restore = DotnetCommand.Dotnet(consumer.ProjectDirectory, packages.PackagesFolder, "restore");
        Assert.True(restore.ExitCode == 0, restore.All);
        var evaluated = DotnetCommand.Dotnet(consumer.ProjectDirectory, packages.PackagesFolder, "msbuild", "-getProperty:_MpgTaskAssembly", "-nodeReuse:false");

        Assert.True(evaluated.ExitCode == 0, evaluated.All);
        var task = evaluated.Stdout.Trim().Split('\n')[^1].Trim();
        Assert.EndsWith(Path.Combine("tasks", "net10.0", "Mpg.Gate.MSBuild.dll"), task, StringComparison.Ordinal);
        Assert.True(File.Exists(task), task);
    }

    private string Package() => Directory.GetFiles(packages.Feed, "Mpg.Gate.MSBuild.*.nupkg").Single();

    /// <summary>The string argument of a [TargetFramework(".NETFramework,Version=…")] attribute blob, or "" for another attribute.</summary>
    private static string TargetFramework(BlobReader blob)
    {
        try
        {
            return blob.ReadUInt16() == 1 ? blob.ReadSerializedString() ?? "" : "";
        }
        catch (BadImageFormatException)
        {
            return "";
        }
    }
}
