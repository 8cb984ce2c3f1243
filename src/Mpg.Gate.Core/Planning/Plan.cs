namespace Mpg.Gate.Planning;

/// <summary>The items each gated node needs (<c>mpg.plan/1</c>).</summary>
/// <param name="Power">The probability of detecting the drop the plan is for.</param>
public sealed record Plan(string Schema, string Name, string Baseline, string BaselineModel, string? CandidateModel, double Power, IReadOnlyList<PlanNode> Nodes)
{
    public const string SchemaId = "mpg.plan/1";
}

/// <summary>
/// One gated node: how many items it has, how many would decide a true drop of <see cref="Drop"/> at the plan's
/// power and level <see cref="Alpha"/> (null: the drop is within the margin, no count decides it), and the smallest
/// drop its items detect now. <see cref="Discordance"/> for a paired binary leaf, else <see cref="SdDiff"/>: the
/// sd of one item's difference.
/// </summary>
public sealed record PlanNode(
    string Id,
    bool Paired,
    int ItemsNow,
    int? ItemsNeeded,
    double DetectableDrop,
    double? Discordance,
    double? SdDiff,
    double Margin,
    double Drop,
    double Alpha);
