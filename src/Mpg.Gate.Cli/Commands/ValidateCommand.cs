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
        var policy = PolicySource.Load(policyPath, haveInputs: false, seed: null, samples: null, context.WorkingDirectory);
        var run = RunLoader.Load(policy, inputs, context.WorkingDirectory);
        if (policy.Goodness is not null)
        {
            PolicyValidator.CheckBenchmarks(policy, run.Benchmarks.Select(b => b.Name).ToList());
            foreach (var leaf in policy.Goodness.Leaves())
            {
                _ = LeafResolver.Resolve(leaf, run); // throws where the leaf's metric is not in the inputs
            }
        }

        var leaves = policy.Goodness?.Leaves().Count() ?? 0;
        context.Out.WriteLine($"{Path.GetFileName(policy.File)}: ok · gate '{policy.Name}' · {leaves} benchmark leaves · {policy.Gate.Rules.Count} rules · inputs: {run.Files.Count} files of model {run.Model}");
        return ExitCodes.Ok;
    }
}
