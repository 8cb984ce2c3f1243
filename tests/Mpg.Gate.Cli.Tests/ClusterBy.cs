namespace Mpg.Gate.Cli.Tests;

/// <summary><c>cluster_by</c> names a field of each item; the paired bootstrap then resamples those clusters.</summary>
public sealed class ClusterBy : IDisposable
{
    private readonly Mpg mpg = new();

    public void Dispose() => mpg.Dispose();

    private string Policy(string clusterBy)
    {
        var run = Mpg.Data("lm-eval", "with-samples", "negotiationtom__Qwen3-8B").Replace('\\', '/');
        var path = mpg.PathOf($"policy-{clusterBy.Replace('.', '-')}.yml");
        File.WriteAllText(path, $"name: tom\ninputs:\n  - path: \"{run}\"\n    format: lm-eval\n    cluster_by: {clusterBy}\ngoodness:\n  - {{ benchmark: negotiationtom_belief }}\n");
        return path;
    }

    [Fact]
    public void SamplesField_GroupsItemsIntoClusters()
    {
        var policy = Policy("doc.dialogue_id");
        Assert.Equal(0, mpg.Run("score", "-p", policy, "-o", "card.json").ExitCode);
        var items = mpg.Json("card.json").Node("negotiationtom_belief").GetProperty("items");
        var clusters = items.GetProperty("clusters").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(20, clusters.Count);
        Assert.Equal(4, clusters.Distinct().Count()); // dialogues 0-0 … 0-3, six or two questions each

        var result = mpg.Run("gate", "-p", policy, "--baseline", "card.json", "--json", "verdict.json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(mpg.Json("verdict.json").Node("negotiationtom_belief").GetProperty("paired").GetBoolean());
    }

    [Fact]
    public void MissingField_IsAnInputErrorNamingTheLine()
    {
        var result = mpg.Run("score", "-p", Policy("doc.no_such_field"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("(1): error MPG3001: line 1 has no \"doc.no_such_field\"", result.Stderr, StringComparison.Ordinal);
    }
}
