using System.CommandLine;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Reports;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg explain</c>: the items that flipped between baseline and candidate, and where the drop concentrates.</summary>
internal static class ExplainCommand
{
    private sealed record Settings(PolicyChoice Policy, GateSides Sides, string? Node, ExplainFilter Filter, int? Limit, ExplainFormat Format, string? History, bool Flaky);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var sides = new SidesOptions();
        var node = new Option<string?>("--node") { Description = "The node (group or benchmark id) to explain; default: the nodes that regressed, else the whole tree." };
        var broken = new Option<bool>("--broken") { Description = "Only the items that broke (passed in the baseline, fail in the candidate)." };
        var fixedItems = new Option<bool>("--fixed") { Description = "Only the items that were fixed." };
        var all = new Option<bool>("--all") { Description = "Both (the default)." };
        var flaky = new Option<bool>("--flaky") { Description = "Instead: the candidate's items whose repeats disagree (epochs, repeat, repeated ids); needs no baseline." };
        var limit = new Option<int?>("--limit") { Description = "At most N items per node (largest score change first)." };
        var format = new Option<ExplainFormat>("--format") { Description = "text, markdown, csv or jsonl.", DefaultValueFactory = _ => ExplainFormat.Text };
        var history = new HistoryOptions();
        var command = new Command("explain", "The items that flipped between baseline and candidate (input, target, both answers), and where the drop concentrates.")
        {
            common.Policy, common.Input, common.Model, common.Seed, common.Samples, sides.Baseline, sides.Candidate, node, broken, fixedItems, all, flaky, limit, format, history.Store,
        };
        command.SetAction(parse => Run(
            new Settings(
                common.PolicyChoice(parse),
                sides.Read(parse, common),
                parse.GetValue(node),
                Filter(parse.GetValue(broken), parse.GetValue(fixedItems), parse.GetValue(all)),
                parse.GetValue(limit),
                parse.GetValue(format),
                parse.GetValue(history.Store),
                parse.GetValue(flaky)),
            context));
        return command;
    }

    private static int Flaky(Settings settings, GatePolicy policy, CommandContext context)
    {
        if (settings.Filter != ExplainFilter.All || settings.Sides.Baseline is not null)
        {
            throw new UsageException("--flaky lists the candidate's own flaky items: no --broken, --fixed or --baseline with it");
        }

        var candidate = settings.Sides.Candidate is { } file
            ? ScorecardFile.Read(Path.GetFullPath(file, context.WorkingDirectory))
            : ScoreJob.Run(policy, settings.Sides.Inputs, context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(context.Host), settings.Sides.Model, context.Error.WriteLine);
        var tree = Comparison.Comparer.TreeOf(policy, candidate);
        var node = settings.Node is null ? tree : tree.DescendantsAndSelf().FirstOrDefault(n => n.Id == settings.Node)
            ?? throw new UsageException($"--node '{settings.Node}' is not in the tree; it has: {string.Join(", ", tree.DescendantsAndSelf().Select(n => n.Id))}");
        var items = Comparison.Explainer.Flaky(node, candidate);
        context.Out.Write(ExplanationReport.Flaky([.. settings.Limit is { } n ? items.Take(n) : items], settings.Format));
        return ExitCodes.Ok;
    }

    private static ExplainFilter Filter(bool broken, bool fixedItems, bool all) =>
        (broken, fixedItems, all) switch
        {
            (true, false, false) => ExplainFilter.Broken,
            (false, true, false) => ExplainFilter.Fixed,
            (false, false, _) => ExplainFilter.All,
            _ => throw new UsageException("give one of --broken, --fixed and --all"),
        };

    private static int Run(Settings settings, CommandContext context)
    {
        var sides = settings.Sides;
        UsageException.ThrowIfBelow("--limit", settings.Limit, 0);

        var policy = PolicySource.Load(settings.Policy, sides.Inputs.Count > 0 || sides.Candidate is not null, context.WorkingDirectory);
        if (settings.Flaky)
        {
            return Flaky(settings, policy, context);
        }

        using var store = GateJob.NeedsHistory(policy, sides) ? HistorySource.Open(settings.History, policy, context) : null;
        var result = GateJob.Run(policy, sides, context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(context.Host), context.Error.WriteLine, null, store);
        IReadOnlyList<Comparison.Explanation> explanations;
        try
        {
            explanations = ExplainJob.Run(policy, result, settings.Node, settings.Filter, settings.Limit);
        }
        catch (UnknownNodeException e)
        {
            var close = DidYouMean.Closest(e.Node, e.Known);
            throw new UsageException($"--node '{e.Node}' is not in the tree{(close is null ? "" : $" (did you mean '{close}'?)")}; it has: {string.Join(", ", e.Known)}");
        }

        context.Out.Write(settings.Format switch
        {
            ExplainFormat.Markdown => ExplanationReport.Markdown(explanations, policy.Level),
            ExplainFormat.Csv => ExplanationReport.Csv(explanations.SelectMany(e => e.Items)),
            ExplainFormat.Jsonl => ExplanationReport.Jsonl(explanations.SelectMany(e => e.Items)),
            _ => ExplanationReport.Text(explanations, policy.Level),
        });
        return ExitCodes.Ok;
    }
}
