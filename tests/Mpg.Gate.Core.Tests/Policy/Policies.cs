using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Policy;

/// <summary>Finds the crafted policies and runs a policy text expecting it to fail.</summary>
internal static class Policies
{
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "policies", name);

    public static GatePolicy Load(string name) => PolicyLoader.Load(Data(name));

    public static PolicyException Fails(string yaml) =>
        Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "mpg.yml"));

    /// <summary>The worktree root: the folder above the test binaries that holds Mpg.Gate.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mpg.Gate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mpg.Gate.sln not found above " + AppContext.BaseDirectory);
    }
}
