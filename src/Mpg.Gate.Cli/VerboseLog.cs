using System.Globalization;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Cli;

/// <summary>What <c>-v</c> adds on stderr: where every number of a scorecard came from.</summary>
internal static class VerboseLog
{
    public static void Scorecard(TextWriter error, Scorecard card, string side)
    {
        foreach (var input in card.Inputs)
        {
            error.WriteLine($"mpg: {side}: read {input}");
        }

        foreach (var leaf in card.Nodes.Where(n => n.IsLeaf))
        {
            error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"mpg: {side}: {leaf.Id}: metric {leaf.Metric}, n {leaf.N}{(leaf.NEstimated == true ? " (estimated)" : string.Empty)}, successes {leaf.Successes:0.###}, from {leaf.Source} ({leaf.File})"));
        }
    }
}
