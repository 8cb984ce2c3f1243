using System.CommandLine;
using Mpg.Gate.Jobs;

namespace Mpg.Gate.Cli;

/// <summary>The two sides of a comparison (<c>mpg gate</c>, <c>mpg explain</c>): the baseline, and the candidate as a scorecard or as inputs to score.</summary>
public sealed class SidesOptions
{
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "The baseline: a scorecard file, or history:BRANCH / history:base / history:BRANCH~median-of-N (overrides the policy's 'baseline')." };

    public Option<string?> Candidate { get; } = new("--candidate") { Description = "A candidate scorecard file, instead of scoring the inputs." };

    public GateSides Read(ParseResult parse, CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(common);
        var sides = new GateSides(parse.GetValue(Baseline), parse.GetValue(Candidate), parse.GetValue(common.Input) ?? [], parse.GetValue(common.Model));
        return sides.Candidate is not null && sides.Inputs.Count > 0
            ? throw new UsageException("give either --candidate (a scorecard) or -i (eval outputs to score), not both")
            : sides;
    }
}
