using System.CommandLine;
using Mpg.Gate.Planning;
using Mpg.Gate.Reports;
using Mpg.Gate.Jobs;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg plan</c>: how many items each gated node needs to decide a drop, before the run that needs them.</summary>
internal static class PlanCommand
{
    private sealed record Settings(string? Policy, string[] Inputs, string? Baseline, double? Drop, double Power, string? Json, string? Model);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var baseline = new Option<string?>("--baseline") { Description = "The baseline scorecard file (overrides the policy's 'baseline')." };
        var drop = new Option<double?>("--drop") { Description = "The true drop to detect, as a fraction (0.02 = 2 points; default twice the rule's margin, at least a point beyond it)." };
        var power = new Option<double>("--power") { Description = "The probability of detecting it (default 0.8).", DefaultValueFactory = _ => ItemsNeeded.DefaultPower };
        var command = new Command("plan", "The items each gated node needs to detect a drop, from the baseline (and -i: a pilot or candidate run, paired).")
        {
            common.Policy, common.Input, common.Model, baseline, drop, power, common.Json,
        };
        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(common.Policy),
                parse.GetValue(common.Input) ?? [],
                parse.GetValue(baseline),
                parse.GetValue(drop),
                parse.GetValue(power),
                parse.GetValue(common.Json),
                parse.GetValue(common.Model)),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        if (settings.Drop is { } d && !(d > 0 && d < 1))
        {
            throw new UsageException($"--drop must be a fraction between 0 and 1 (0.02 = 2 points), got {d}");
        }

        if (!(settings.Power > 0.5 && settings.Power < 1))
        {
            throw new UsageException($"--power must be between 0.5 and 1, got {settings.Power}");
        }

        var policy = PolicySource.Load(new PolicyChoice(settings.Policy), settings.Inputs.Length > 0, context.WorkingDirectory);
        var plan = PlanJob.Run(policy, settings.Baseline, settings.Inputs, settings.Drop, settings.Power, context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(context.Host), settings.Model, context.Error.WriteLine);
        OutputFiles.Write(settings.Json, context.WorkingDirectory, () => PlanFile.ToJson(plan));
        context.Out.Write(TextReport.Plan(plan));
        return ExitCodes.Ok;
    }
}
