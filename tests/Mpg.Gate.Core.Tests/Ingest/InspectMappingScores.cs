using System.Text.Json.Nodes;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// Inspect scorers that return a mapping of values per sample (<c>{"faithful": false, "state_correct": true}</c>):
/// the input's <c>value:</c> picks the entry; without it the error lists the keys and the line to add. The log is the
/// real popularity log of tests/data with each score's value turned into such a mapping (crafted: no real log with
/// mapping scores is in tests/data).
/// </summary>
public sealed class InspectMappingScores : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mpg-inspect-map-").FullName;
    private readonly string log;
    private readonly int samples;

    public InspectMappingScores()
    {
        var root = JsonNode.Parse(File.ReadAllText(FormatData.Inspect("2025-05-12T20-28-13-04-00_popularity.json")))!;
        var list = root["samples"]!.AsArray();
        samples = list.Count;
        for (var i = 0; i < list.Count; i++)
        {
            var score = list[i]!["scores"]!["match"]!;
            var original = score["value"]!.GetValue<string>();
            score["value"] = new JsonObject { ["faithful"] = i == 0, ["state_correct"] = original };
        }

        log = Path.Combine(directory, "mapping.json");
        File.WriteAllText(log, root.ToJsonString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Value_PicksTheEntryToCount()
    {
        var original = FormatData.Single(InspectReader.Instance, FormatData.Inspect("2025-05-12T20-28-13-04-00_popularity.json")).Benchmarks[0].Metrics[0];

        var stateCorrect = FormatData.Single(InspectReader.Instance, log, new ReadOptions(Value: "state_correct")).Benchmarks[0].Metrics[0];
        var faithful = FormatData.Single(InspectReader.Instance, log, new ReadOptions(Value: "faithful")).Benchmarks[0].Metrics[0];

        Assert.Equal((original.N, original.Successes), (stateCorrect.N, stateCorrect.Successes));
        Assert.Equal((samples, 1.0), (faithful.N, faithful.Successes));
    }

    [Fact]
    public void WithoutValue_TheErrorListsTheKeysAndTheLineToAdd()
    {
        var error = Assert.Throws<InputException>(() => InspectReader.Instance.Read([log], ReadOptions.Default));

        Assert.Equal(log, error.File);
        Assert.Contains("scorer 'match' gives a mapping of values (faithful, state_correct); pick the one to count with 'value: faithful' on the input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownValue_ListsTheKeysWithADidYouMean()
    {
        var error = Assert.Throws<InputException>(() => InspectReader.Instance.Read([log], new ReadOptions(Value: "state_corect")));

        Assert.Contains("scorer 'match' has no value 'state_corect'; it has: faithful, state_correct (did you mean 'state_correct'?)", error.Message, StringComparison.Ordinal);
    }
}
