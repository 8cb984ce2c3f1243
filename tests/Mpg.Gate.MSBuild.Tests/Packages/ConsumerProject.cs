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

    /// <summary>
    /// The variables mpg reads secrets from (the CLI tests' list), each set to a value of its own in every build. A build's
    /// console output, its detailed file log and every file it wrote must hold none
    /// of them (<see cref="AssertNoSecretLeaked"/>); nor must its binary log.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } =
        new[] { "GITHUB_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN", "SYSTEM_ACCESSTOKEN", "MPG_HISTORY_PASSWORD", "PGPASSWORD" }
            .ToDictionary(name => name, name => $"mpg-test-secret-{name.ToLowerInvariant().Replace('_', '-')}-7c41e9d2", StringComparer.Ordinal);

    private int builds;

    /// <summary>More environment variables for every build (besides <see cref="Secrets"/>).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The verdict file the gate wrote (the default, obj/mpg/verdict.json).</summary>
    public string VerdictFile => Path.Combine(ProjectDirectory, "obj", "mpg", "verdict.json");

    /// <summary>Where each build's binary log and detailed and diagnostic text logs go (beside, not under, the project).</summary>
    public string LogDirectory => Path.Combine(example.Directory, "logs");

    /// <summary>The diagnostic log of the last build, replayed from its binary log.</summary>
    public string LastDiagnosticLog { get; private set; } = "";

    /// <summary>How many runs of our RunMpgGate task the diagnostic logs checked so far held (a check of none is no check).</summary>
    public int TaskRunsChecked { get; private set; }

    public DotnetCommand.Output Build(params string[] args)
    {
        var n = ++builds;
        Directory.CreateDirectory(LogDirectory);
        var binlog = Path.Combine(LogDirectory, $"build{n}.binlog");
        var detailed = Path.Combine(LogDirectory, $"build{n}.detailed.log");
        var before = Snapshot();
        var environment = Secrets.Concat(Environment).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var output = DotnetCommand.RunWith(environment, DotnetCommand.Host, ProjectDirectory, packages.PackagesFolder,
            ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false", $"-bl:{binlog}", "-fl", $"-flp:logfile={detailed};verbosity=detailed", .. args]);
        LastDiagnosticLog = Path.Combine(LogDirectory, $"build{n}.diag.log");
        var replay = DotnetCommand.Dotnet(LogDirectory, packages.PackagesFolder, "msbuild", binlog, "-noconlog", "-fl", $"-flp:logfile={LastDiagnosticLog};verbosity=diagnostic");
        Assert.True(replay.ExitCode == 0 && File.Exists(LastDiagnosticLog), $"the binary log did not replay:\n{replay.All}");
        AssertNoSecretLeaked(output, detailed, before);
        return output;
    }

    /// <summary>
    /// No secret in the console, the detailed log, the binary log (replayed whole at diagnostic verbosity: our task's
    /// parameters, the command it ran, all the CLI printed) or the files the build wrote. A binary log records only the
    /// environment variables the build reads; a consumer target that reads one puts it there (and is caught).
    /// </summary>
    private void AssertNoSecretLeaked(DotnetCommand.Output output, string detailed, Dictionary<string, DateTime> before)
    {
        var places = new List<(string Where, string Text)> { ("the console output", output.All), ("the detailed log", File.ReadAllText(detailed)) };
        TaskRunsChecked += TaskSections(File.ReadAllLines(LastDiagnosticLog)).Count;
        places.Add(("the binary log (replayed at diagnostic verbosity)", File.ReadAllText(LastDiagnosticLog)));
        var written = Snapshot().Where(f => !before.TryGetValue(f.Key, out var at) || at != f.Value).Select(f => f.Key).Where(f => new FileInfo(f).Length < (64 << 20));
        places.AddRange(written.Select(f => (Path.GetRelativePath(example.Directory, f), System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f)))));
        foreach (var (where, text) in places)
        {
            foreach (var (name, secret) in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret given in the environment ({name}) came out in {where}");
            }
        }
    }

    /// <summary>The text from each <c>Task "RunMpgGate"</c> line of a diagnostic log to its <c>Done executing task</c> line.</summary>
    private static List<string> TaskSections(string[] lines)
    {
        var sections = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("Task \"RunMpgGate\"", StringComparison.Ordinal))
            {
                var end = Array.FindIndex(lines, i, l => l.Contains("Done executing task \"RunMpgGate\"", StringComparison.Ordinal));
                Assert.True(end > i, "a RunMpgGate task section that never ends in the diagnostic log");
                sections.Add(string.Join('\n', lines[i..(end + 1)]));
                i = end;
            }
        }

        return sections;
    }

    /// <summary>The files under the example folder (the project, its obj and bin, reports), less the logs.</summary>
    private Dictionary<string, DateTime> Snapshot() =>
        Directory.EnumerateFiles(example.Directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(LogDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);

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
