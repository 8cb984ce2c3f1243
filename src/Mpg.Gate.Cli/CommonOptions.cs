using System.CommandLine;

namespace Mpg.Gate.Cli;

/// <summary>Options shared by the commands. Their names are part of the documented contract.</summary>
public sealed class CommonOptions
{
    public const string DefaultPolicy = "mpg.yml";

    public Option<string?> Policy { get; } = new("--policy", "-p") { Description = "The policy file (default ./mpg.yml)." };

    public Option<string[]> Input { get; } = new("--input", "-i")
    {
        Description = "Eval output files, folders or globs; replaces the policy's inputs. Repeatable.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Model { get; } = new("--model") { Description = "The model to score where the inputs hold several (as the eval tool names it)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of the Monte Carlo draws (overrides the policy)." };

    public Option<int?> Samples { get; } = new("--samples") { Description = "Number of Monte Carlo draws (overrides the policy)." };

    public Option<string?> Json { get; } = new("--json") { Description = "Write the scorecard or verdict as JSON to this file." };

    public Option<string?> ReportMarkdown { get; } = new("--report-md") { Description = "Write the Markdown report (PR comment body) to this file." };

    public Option<string?> Junit { get; } = new("--junit") { Description = "Write JUnit XML (one test case per gate rule) to this file." };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours or progress bars. (Progress is shown only on a terminal, never when CI is set.)" };

    public Option<int?> Threads { get; } = new("--threads")
    {
        Description = "Use at most N cores (default: all; or MPG_THREADS). Results are the same bytes whatever N.",
        Recursive = true,
    };

    /// <summary>The policy and draws a scoring command was given (<c>-p</c>, <c>--seed</c>, <c>--samples</c>).</summary>
    internal PolicyChoice PolicyChoice(ParseResult parse) => new(parse.GetValue(Policy), parse.GetValue(Seed), parse.GetValue(Samples));

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "On stderr: the input files read and, per leaf, the metric, item count and source used." };
}
