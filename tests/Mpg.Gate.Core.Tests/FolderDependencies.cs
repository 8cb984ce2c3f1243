using System.Text.RegularExpressions;
using Mpg.Gate.Core.Tests.Policy;

namespace Mpg.Gate.Core.Tests;

/// <summary>
/// Core's folders depend one way (docs/ARCHITECTURE.md): a folder may use only those before it in <see cref="Order"/>.
/// Read from the <c>using Mpg.Gate.X</c> lines and fully qualified <c>Mpg.Gate.X.</c> names of every source file.
/// </summary>
public partial class FolderDependencies
{
    private static readonly string[] Order =
        ["Ingest", "Policy", "Scoring", "Planning", "Comparison", "Ranking", "Serialization", "History", "Reports", "Site", "Jobs"];

    [Fact]
    public void CoreFolders_UseOnlyTheFoldersBeforeThem()
    {
        var core = Path.Combine(Policies.RepoRoot(), "src", "Mpg.Gate.Core");
        var backwards = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var folder = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar)[0];
            var mine = Array.IndexOf(Order, folder);
            if (mine < 0)
            {
                continue; // a root file (Spelling, Numbers, DidYouMean) or the project file's folder
            }

            foreach (Match m in Reference().Matches(File.ReadAllText(file)))
            {
                var used = Array.IndexOf(Order, m.Groups[1].Value);
                if (used > mine)
                {
                    backwards.Add($"{Path.GetRelativePath(core, file)} uses {m.Groups[1].Value}");
                }
            }
        }

        Assert.Empty(backwards.Distinct());
    }

    [Fact]
    public void EveryCoreFolder_IsInTheOrder()
    {
        var core = Path.Combine(Policies.RepoRoot(), "src", "Mpg.Gate.Core");
        var folders = Directory.EnumerateDirectories(core).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj")).Order(StringComparer.Ordinal);
        Assert.Equal(Order.Order(StringComparer.Ordinal), folders);
    }

    [GeneratedRegex(@"\bMpg\.Gate\.([A-Z][A-Za-z]+)[.;]")]
    private static partial Regex Reference();
}
