using System.CommandLine;
using System.Globalization;
using System.Text;
using Mpg.Gate.History;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg history record|list|show|export|prune|chart</c>: the gate's score history.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommonOptions common, CommandContext context)
    {
        var history = new HistoryOptions();
        return new Command("history", "The score history of this gate (SQLite by default, or a shared PostgreSQL).")
        {
            Record(common, history, context),
            List(common, history, context),
            Show(common, history, context),
            Export(common, history, context),
            Prune(common, history, context),
            HistoryChartCommand.Create(common, history, context),
        };
    }

    /// <summary>The policy (for the gate's name and its <c>history:</c>), tolerating a folder without mpg.yml.</summary>
    internal static GatePolicy Policy(string? path, CommandContext context) => PolicySource.Load(new PolicyChoice(path), true, context.WorkingDirectory);

    private static Command Record(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var scorecard = new Option<string>("--scorecard") { Description = "The scorecard to record (written by 'mpg score -o').", Required = true };
        var pr = new Option<int?>("--pr") { Description = "The pull request number (in GitHub Actions: from the event)." };
        var command = new Command("record", "Record a scorecard in the history, with its branch and commit.") { common.Policy, history.Store, scorecard, history.Branch, history.Commit, pr };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(common.Policy), context);
            var card = ScorecardFile.Read(Path.GetFullPath(parse.GetValue(scorecard)!, context.WorkingDirectory));
            var origin = RecordOrigin.Resolve(parse.GetValue(history.Branch), parse.GetValue(history.Commit), parse.GetValue(pr), context.Host.Environment);
            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var id = store.Add(new NewHistoryRecord(policy.Name, origin.Branch, origin.Commit, origin.PullRequest, ToolInfo.Now(context.Host), null, ToolInfo.Version, card));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded {id}: {policy.Name} on {origin.Branch} @ {origin.Commit} in {store.Display}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many records (default 20).", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "The gate's records, newest first.") { common.Policy, history.Store, history.Branch, limit, common.Json };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(common.Policy), context);
            var count = parse.GetValue(limit);
            UsageException.ThrowIfBelow("--limit", count, 1);

            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var entries = store.List(policy.Name, parse.GetValue(history.Branch), count);
            OutputFiles.Write(parse.GetValue(common.Json), context.WorkingDirectory, () => HistoryExport.List(entries));
            context.Out.Write(Table(entries));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var which = new Argument<string>("record") { Description = "A record id, or 'latest' (with --branch: the latest on that branch)." };
        var command = new Command("show", "One record with its whole scorecard, as JSON.") { which, common.Policy, history.Store, history.Branch };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(common.Policy), context);
            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var value = parse.GetValue(which)!;
            long id;
            if (value == "latest")
            {
                id = store.List(policy.Name, parse.GetValue(history.Branch), 1).FirstOrDefault()?.Id
                    ?? throw new UsageException($"no record of gate '{policy.Name}'{(parse.GetValue(history.Branch) is { } b ? $" on branch '{b}'" : "")} in {store.Display}");
            }
            else if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id))
            {
                throw new UsageException($"expected a record id (a number) or 'latest', got '{value}'");
            }

            var record = store.Get(id) ?? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"no record {id} in {store.Display}"));
            context.Out.Write(HistoryExport.Show(record));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var format = new Option<string>("--format") { Description = "csv | json | benchmark-action (github-action-benchmark's data.js).", Required = true };
        format.AcceptOnlyFromAmong("csv", "json", "benchmark-action");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var limit = new Option<int>("--limit") { Description = "The newest this many records (default 1000).", DefaultValueFactory = _ => 1000 };
        var command = new Command("export", "The gate's records, oldest first, for other tools.") { common.Policy, history.Store, history.Branch, format, output, limit };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(common.Policy), context);
            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var records = store.List(policy.Name, parse.GetValue(history.Branch), Math.Max(1, parse.GetValue(limit)))
                .Reverse()
                .Select(e => store.Get(e.Id))
                .OfType<HistoryRecord>()
                .ToList();
            var kind = parse.GetValue(format) switch
            {
                "csv" => ExportFormat.Csv,
                "json" => ExportFormat.Json,
                _ => ExportFormat.BenchmarkAction,
            };
            var text = HistoryExport.Write(records, kind, policy.Name);
            if (parse.GetValue(output) is { } file)
            {
                OutputFiles.Write(file, context.WorkingDirectory, () => text);
            }
            else
            {
                context.Out.Write(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Prune(CommonOptions common, HistoryOptions history, CommandContext context)
    {
        var keep = new Option<int>("--keep") { Description = "Keep the newest N records of the gate on each branch.", Required = true };
        var command = new Command("prune", "Delete all but the newest records of the gate on each branch.") { common.Policy, history.Store, keep };
        command.SetAction(parse =>
        {
            var policy = Policy(parse.GetValue(common.Policy), context);
            var n = parse.GetValue(keep);
            UsageException.ThrowIfBelow("--keep", n, 0);

            using var store = HistorySource.Open(parse.GetValue(history.Store), policy, context);
            var deleted = store.Prune(policy.Name, n);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pruned {deleted} record(s) of {policy.Name}, kept the newest {n} per branch"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Table(IReadOnlyList<HistoryEntry> entries)
    {
        var sb = new StringBuilder();
        sb.AppendLine("id     recorded              branch               commit   pr      goodness (95%)        verdict  model");
        foreach (var e in entries)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{e.Id,-6} {e.RecordedAt,-21} {e.Branch,-20} {e.ShortCommit,-8} {(e.PullRequest is { } pr ? "#" + pr.ToString(CultureInfo.InvariantCulture) : "-"),-7} {e.Goodness * 100,5:0.0} ({e.GoodnessLower * 100:0.0}, {e.GoodnessUpper * 100:0.0})  {e.Verdict ?? "-",-8} {e.Model}");
        }

        return sb.ToString();
    }
}
