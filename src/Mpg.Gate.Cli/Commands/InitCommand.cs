using System.CommandLine;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg init</c>: writes a starting <c>mpg.yml</c> for the eval outputs under the current folder, in any format the readers detect.</summary>
internal static class InitCommand
{
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
        var relative = run.Files.Select(f => ScoreContext.RelativePath(directory, f)).ToList();
        var tasks = StarterPolicy.TopLevelTasks(run, [.. LeafResolver.DefaultMetrics]);
        var name = new string(Path.GetFileName(directory).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        File.WriteAllText(target, StarterPolicy.Write(name.Length > 0 ? name : "mpg", relative, runs.Count > 1 ? run.Model : null, tasks, ".mpg/baseline.json"));
        context.Out.WriteLine($"wrote {target}: {tasks.Count} benchmarks of {run.Model} in {tasks.Select(t => StarterPolicy.Domain(t.Task)).Distinct().Count()} groups");
        context.Out.WriteLine("next: mpg score -o .mpg/baseline.json   (on the baseline's outputs), then mpg gate");
        return ExitCodes.Ok;
    }
}
