namespace Mpg.Gate.Policy;

/// <summary>The policy's <c>rank:</c> section, read by <c>mpg rank</c>.</summary>
public sealed record RankSpec(MissingBenchmarks Missing)
{
    public static RankSpec Default { get; } = new(MissingBenchmarks.Drop);
}

/// <summary>What ranking does with a model that lacks some of the tree's benchmarks (<c>rank.missing</c>, <c>--missing</c>).</summary>
public enum MissingBenchmarks
{
    /// <summary>Leave the model out of the ranking and list it with what it lacks (the default: nothing scores from nothing).</summary>
    Drop,

    /// <summary>Rank it on the benchmarks it has: a lacking leaf's weight goes to its present siblings, and the table says so.</summary>
    Renormalise,
}
