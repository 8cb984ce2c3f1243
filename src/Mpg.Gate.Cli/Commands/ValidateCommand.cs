using System.CommandLine;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg validate</c>: the policy parses, its inputs resolve and hold every benchmark it names.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommonOptions common, CommandContext context)
    {
        var command = new Command("validate", "Check the policy and that its inputs resolve and hold its benchmarks.")
        {
            common.Policy, common.Input, common.NoColor, common.Verbose,
        };
        command.SetAction(parse => Run(parse.GetValue(common.Policy), parse.GetValue(common.Input) ?? [], context));
        return command;
    }

    private static int Run(string? policyPath, string[] inputs, CommandContext context)
    {
        var policy = PolicySource.Load(new PolicyChoice(policyPath), haveInputs: false, context.WorkingDirectory);
        context.Out.WriteLine(Check(policy, inputs, context.WorkingDirectory));
        return ExitCodes.Ok;
    }

    /// <summary>Throws what the policy and its inputs get wrong; else the one line that says what was checked.</summary>
    internal static string Check(GatePolicy policy, IReadOnlyList<string> inputs, string workingDirectory)
    {
        var run = RunLoader.Load(policy, inputs, workingDirectory);
        if (policy.Goodness is not null)
        {
            PolicyValidator.CheckBenchmarks(policy, run.Benchmarks.Select(b => b.Name).ToList());
            foreach (var leaf in policy.Goodness.Leaves())
            {
                _ = LeafResolver.Resolve(leaf, run); // throws where the leaf's metric is not in the inputs
            }
        }

        var leaves = policy.Goodness?.Leaves().Count() ?? 0;
        return $"{Path.GetFileName(policy.File)}: ok · gate '{policy.Name}' · {Plural(leaves, "benchmark leaf", "benchmark leaves")} · {Plural(policy.Gate.Rules.Count, "rule", "rules")} · inputs: {Plural(run.Files.Count, "file", "files")} of model {run.Model}";
    }

    internal static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";
}
