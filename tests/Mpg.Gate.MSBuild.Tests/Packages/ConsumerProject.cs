using System.Text.RegularExpressions;

namespace Mpg.Gate.MSBuild.Tests.Packages;

/// <summary>
/// A temporary class library that references Mpg.Gate.MSBuild from the test feed, below a copy of the
/// example's policy, baseline and runs; a later target records the verdict the gate handed on.
/// </summary>
internal sealed partial class ConsumerProject : IDisposable
{
    private readonly PackagesFixture packages;
    private readonly Example example = new();

    /// <param name="multiTargeting">Declare <c>TargetFrameworks</c> (plural), so the package's buildMultiTargeting/ files run the gate in the outer build.</param>
    public ConsumerProject(PackagesFixture packages, string projectBody = "", bool multiTargeting = false)
    {
        this.packages = packages;
        File.WriteAllText(Path.Combine(example.Directory, "nuget.config"), packages.NugetConfig());
        Directory.CreateDirectory(ProjectDirectory);
        File.WriteAllText(Path.Combine(ProjectDirectory, "Marker.cs"), "namespace Consumer;\n\npublic static class Marker\n{\n}\n");
        File.WriteAllText(Path.Combine(ProjectDirectory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {(multiTargeting ? "<TargetFrameworks>net10.0</TargetFrameworks>" : "<TargetFramework>net10.0</TargetFramework>")}
                <MpgGateEnabled>true</MpgGateEnabled>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Mpg.Gate.MSBuild" Version="{packages.Version}" PrivateAssets="all" />
              </ItemGroup>
              {projectBody}
              <Target Name="RecordVerdict" AfterTargets="MpgGate">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/verdict.txt" Lines="$(MpgVerdict);@(MpgGateNode->'%(Identity)=%(Status)')" Overwrite="true" />
              </Target>
            </Project>
            """);
    }

    public Example Example => example;

    public string ProjectDirectory => Path.Combine(example.Directory, "app");

    /// <summary>What the target after MpgGate saw: the verdict, then node=status per node.</summary>
    public string[] RecordedVerdict => File.ReadAllLines(Path.Combine(ProjectDirectory, "verdict.txt"));

    public string Stamp => Path.Combine(ProjectDirectory, "obj", "mpg", "gate.stamp");

    public DotnetCommand.Output Build(params string[] args) =>
        DotnetCommand.Dotnet(ProjectDirectory, packages.PackagesFolder, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. args]);

    /// <summary>The MSBuild errors and warnings a build printed, read from its canonical lines.</summary>
    public static List<Diagnostic> Diagnostics(DotnetCommand.Output output) =>
        [.. output.All.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new Diagnostic(m.Groups["file"].Value.Trim(), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["category"].Value, m.Groups["code"].Value))
            .Distinct()];

    public void Dispose() => example.Dispose();

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): (?<category>error|warning) (?<code>[A-Z]+\d+):")]
    private static partial Regex DiagnosticLine();

    internal sealed record Diagnostic(string File, int Line, string Category, string Code);
}
