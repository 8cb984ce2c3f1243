using Mpg.Gate.Ingest;

namespace Mpg.Gate.Ranking;

// Ranking lacks something the user can give it. As in Jobs/MissingJobInput.cs, the message states the fact; the front
// end adds which of its options gives the missing piece.

/// <summary>No model has every benchmark of the tree, and models lacking one are dropped.</summary>
public sealed class NoCompleteModelException(string file, IReadOnlyList<DroppedModel> dropped)
    : InputException(file, $"no model has the benchmarks of the tree ({string.Join("; ", dropped.Select(d => $"{d.Label} lacks {string.Join(", ", d.Missing)}"))})")
{
    public IReadOnlyList<DroppedModel> Dropped { get; } = dropped;
}

/// <summary>Too few ranked models are named in the reference for a correlation; their names may differ.</summary>
public sealed class TooFewInReferenceException(string file, string message) : InputException(file, message);
