using System.Globalization;
using System.Text.Json;

namespace Mpg.Gate.MSBuild.Tests;

/// <summary>The verdict file becomes MSBuild properties and items with the JSON's values.</summary>
public sealed class VerdictOutputs : IDisposable
{
    private readonly Example example = new();
    private readonly FakeBuildEngine engine = new();

    public void Dispose() => example.Dispose();

    [Fact]
    public void RegressedVerdict_GivesFailAndOneItemPerNode()
    {
        var verdictFile = Path.Combine(example.Directory, "verdict.json");
        var gate = new RunMpgGate
        {
            BuildEngine = engine,
            CliPath = Path.Combine(AppContext.BaseDirectory, "mpg.dll"),
            PolicyFile = example.Policy,
            EvalResults = [new Microsoft.Build.Utilities.TaskItem(example.RegressedRun)],
            VerdictFile = verdictFile,
        };
        gate.Execute();
        var read = new ReadMpgVerdict { BuildEngine = engine, VerdictFile = verdictFile };

        Assert.True(read.Execute());

        using var json = JsonDocument.Parse(File.ReadAllText(verdictFile));
        Assert.Equal("fail", read.Verdict);
        Assert.Equal("lm-eval-example", read.GateName);
        var nodes = json.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(nodes.Select(n => n.GetProperty("id").GetString()), read.Nodes.Select(n => n.ItemSpec));
        var goodness = read.Nodes.Single(n => n.ItemSpec == "goodness");
        Assert.Equal("regression", goodness.GetMetadata("Status"));
        Assert.Equal("true", goodness.GetMetadata("Gated"));
        Assert.Equal($"mpg.yml:{example.LineOf("- { node: goodness }")}", goodness.GetMetadata("Rule"));
        Assert.Equal(nodes[0].GetProperty("delta").GetDouble(), double.Parse(goodness.GetMetadata("Delta"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UnreadableVerdict_IsAnInputError()
    {
        var verdictFile = Path.Combine(example.Directory, "verdict.json");
        File.WriteAllText(verdictFile, "{ not json");
        var read = new ReadMpgVerdict { BuildEngine = engine, VerdictFile = verdictFile };

        Assert.False(read.Execute());

        Assert.Equal("MPG3001", Assert.Single(engine.Errors).Code);
    }
}
