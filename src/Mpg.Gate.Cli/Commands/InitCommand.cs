using System.CommandLine;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;
using Mpg.Gate.Planning;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg init</c>: writes a starting <c>mpg.yml</c> for the eval outputs under the current folder, in any format the readers detect.</summary>
internal static class InitCommand
{
    // A margin is below 1 (policy); past half the scale a margin says nothing, so a tiny eval gets this and a warning.
    private const double MaxMargin = 0.5;

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing policy file." };
        var model = new Option<string?>("--model") { Description = "Where the outputs hold several models, the one to write the policy for." };
        var command = new Command("init", "Write an mpg.yml for the eval outputs found under the current folder.")
        {
            common.Policy, common.Input, force, model,
        };
        command.SetAction(parse => Run(parse.GetValue(common.Policy), parse.GetValue(common.Input) ?? [], parse.GetValue(force), parse.GetValue(model), context));
        return command;
    }

    private static int Run(string? policyPath, string[] inputs, bool force, string? modelName, CommandContext context)
    {
        var target = Path.GetFullPath(policyPath ?? CommonOptions.DefaultPolicy, context.WorkingDirectory);
        if (File.Exists(target) && !force)
        {
            throw new UsageException($"{target} exists; pass --force to overwrite it");
        }

        // Every format the readers know, detected by content, as `mpg score -i` would read them.
        var scan = PolicyLoader.Parse("version: 1\n", target);
        var runs = RunLoader.LoadAll(scan, inputs.Length > 0 ? inputs : ["."], context.WorkingDirectory);
        if (runs.Count == 0)
        {
            throw new UsageException("no eval outputs found; pass -i PATH");
        }

        var run = modelName is null ? runs[0] : runs.FirstOrDefault(r => r.Model == modelName)
            ?? throw new UsageException($"no model '{modelName}' in the outputs; they hold: {string.Join(", ", runs.Select(r => r.Model))}");
        if (runs.Count > 1 && modelName is null)
        {
            context.Error.WriteLine($"mpg init: the outputs hold {runs.Count} models; writing the policy for '{run.Model}' (choose with --model)");
        }

        var directory = Path.GetDirectoryName(target)!;
        var inputsWritten = StarterPolicy.Inputs(directory, run);
        var tasks = StarterPolicy.TopLevelTasks(run, [.. LeafResolver.DefaultMetrics]);
        var name = new string(Path.GetFileName(directory).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        string Policy(double? margin) => StarterPolicy.Write(name.Length > 0 ? name : "mpg", inputsWritten, runs.Count > 1 ? run.Model : null, tasks, ".mpg/baseline.json", margin);
        OutputFiles.Replace(target, Policy(null));

        // The margin: one the run's item counts can decide (an unchanged rerun reads unchanged, not inconclusive).
        var starter = PolicySource.Load(new PolicyChoice(target), haveInputs: false, context.WorkingDirectory);
        // Scored from the run already read (the validation below reads the inputs again, as the next command will).
        var card = Scorer.Score(starter, run, new ScoreContext(ToolInfo.Version, ToolInfo.Now(context.Host), ScoreJob.PolicyHash(target), directory));
        var decidable = Planner.DecidableMargin(starter, card, ItemsNeeded.DefaultPower);
        var items = card.Nodes.Where(n => n.IsLeaf).Sum(n => n.N ?? 0);
        var margin = decidable is { } d ? Math.Min(d, MaxMargin) : (double?)null;
        if (decidable > MaxMargin)
        {
            context.Error.WriteLine($"mpg init: {ValidateCommand.Plural(items, "item decides", "items decide")} no drop below {decidable * 100:0} pts; wrote margin {MaxMargin * 100:0} pts, and the gate will read inconclusive until the eval has more items ('mpg plan' says how many)");
        }

        OutputFiles.Replace(target, Policy(margin));
        var groups = tasks.Select(t => StarterPolicy.Domain(t.Task)).Distinct().Count();
        context.Out.WriteLine($"wrote {target}: {ValidateCommand.Plural(tasks.Count, "benchmark", "benchmarks")} of {run.Model} in {ValidateCommand.Plural(groups, "group", "groups")}, margin {(margin is { } m ? $"{m * 100:0.#} pts (what {ValidateCommand.Plural(items, "item decides", "items decide")})" : "1 pt")}, inputs {string.Join(", ", inputsWritten.Select(i => i.Path))}");

        // What init wrote must be what the next command reads: check it as `mpg validate` would, with the same model.
        var written = PolicySource.Load(new PolicyChoice(target), haveInputs: false, context.WorkingDirectory);
        context.Out.WriteLine(ValidateCommand.Check(written, [], context.WorkingDirectory));
        var policyOption = Path.GetFileName(target) == CommonOptions.DefaultPolicy && directory == Path.GetFullPath(context.WorkingDirectory) ? "" : $" -p {target}";
        context.Out.WriteLine("next:");
        context.Out.WriteLine($"  mpg score{policyOption} -i BASELINE_OUTPUTS/ -o .mpg/baseline.json   # once, on the baseline's outputs (commit the scorecard)");
        context.Out.WriteLine($"  mpg gate{policyOption}                                              # on every change: exit 0 pass, 1 regression");
        return ExitCodes.Ok;
    }
}
