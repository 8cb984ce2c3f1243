using System.CommandLine;
using Mpg.Gate.History;
using Mpg.Gate.Reports;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg history chart</c>: one PNG and one SVG per node of its trend on a branch.</summary>
internal static class HistoryChartCommand
{
    public static Command Create(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var nodes = new Option<string[]>("--node") { Description = "Node ids to chart (repeatable; default goodness).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write NODE.png and NODE.svg into.", Required = true };
        var candidate = new Option<string?>("--candidate") { Description = "A scorecard to mark as the candidate." };
        var limit = new Option<int>("--limit") { Description = "The newest this many records of the branch (default 52).", DefaultValueFactory = _ => 52 };
        var command = new Command("chart", "Trend charts of the branch's records (default main): credible band, records, candidate.")
        {
            common.Policy, history.Store, history.Branch, nodes, candidate, limit, output,
        };
        command.SetAction(parse =>
        {
            var policy = HistoryCommand.Policy(parse.GetValue(common.Policy), context);
            var branch = parse.GetValue(history.Branch) ?? "main";
            var card = parse.GetValue(candidate) is { } file ? ScorecardFile.Read(Path.GetFullPath(file, context.WorkingDirectory)) : null;
            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var records = store.List(policy.Name, branch, Math.Max(1, parse.GetValue(limit)))
                .Reverse()
                .Select(e => store.Get(e.Id))
                .OfType<HistoryRecord>()
                .ToList();
            if (records.Count == 0 && card is null)
            {
                throw new UsageException($"no record of gate '{policy.Name}' on branch '{branch}' in {store.Display}, and no --candidate: nothing to chart");
            }

            var folder = Path.GetFullPath(parse.GetValue(output)!, context.WorkingDirectory);
            var ids = parse.GetValue(nodes) is { Length: > 0 } given ? given : ["goodness"];
            foreach (var id in ids)
            {
                var samples = TrendChart.Samples(records, id);
                var point = TrendChart.Candidate(card, id);
                if (samples.Count == 0 && point is null)
                {
                    throw new UsageException($"node '{id}' is in no record on '{branch}' (nor in the candidate)");
                }

                var (png, svg) = TrendChart.Write(folder, id, branch, samples, point, records.FirstOrDefault()?.Scorecard.Level ?? card?.Level ?? 0.95);
                context.Out.WriteLine($"{png}\n{svg}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
