using System.CommandLine;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using Mpg.Gate.Reports;
using Mpg.Gate.Jobs;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Cli.Commands;

/// <summary><c>mpg rank</c>: every model of the inputs ranked with intervals, the Pareto front, agreement with a reference.</summary>
internal static class RankCommand
{
    /// <summary><c>--by groups</c>: a table for every group node of the tree.</summary>
    public const string AllGroups = "groups";

    private sealed record Settings(
        PolicyChoice Policy, string[] Inputs, string? Json, string? ReportMarkdown, string? Csv, string? Plot, string? PlotCost, string? Html,
        string? Reference, string? ReferenceMap, bool FitWeights, string? Missing, string[] By, bool NoColor, string[] Models);

    public static Command Create(CommonOptions common, CommandContext context)
    {
        var reference = new Option<string?>("--reference") { Description = "A CSV with the columns model and score (Arena Elo, your own ratings): correlations with it, overall and per benchmark." };
        var referenceMap = new Option<string?>("--reference-map") { Description = "A CSV with the columns model and reference: the reference's name for a model of the inputs." };
        var fitWeights = new Option<bool>("--fit-weights") { Description = "Fit non-negative leaf weights to the reference, judged by leave-one-out, and print them as a policy snippet." };
        var missing = new Option<string?>("--missing") { Description = "A model lacking a benchmark: drop it (default) or renormalise the weights among what it has (overrides the policy's rank.missing)." };
        missing.AcceptOnlyFromAmong([.. Spelling.All<MissingBenchmarks>()]);
        var by = new Option<string[]>("--by") { Description = "Also rank by this node (repeatable); 'groups' for every group node.", AllowMultipleArgumentsPerToken = true };
        var models = new Option<string[]>("--models") { Description = "Rank these as one model each: NAME=PATH or PATH (a folder, file or glob; NAME defaults to the folder's name), e.g. one per checkpoint.", AllowMultipleArgumentsPerToken = true };
        var csv = new Option<string?>("--csv") { Description = "Write the ranking as CSV (one row per model and node) to this file." };
        var plot = new Option<string?>("--plot") { Description = "Draw Goodness against Fastness with interval bars and the Pareto front (.svg or .png)." };
        var plotCost = new Option<string?>("--plot-cost") { Description = "Draw Goodness against cost per 1,000 queries with interval bars and the cost Pareto front (.svg or .png), where the inputs know cost." };
        var html = new Option<string?>("--html") { Description = "Write the ranking as a page into this folder (index.html, and ranking.json for 'mpg site --ranking')." };
        var command = new Command("rank", "Rank every model of the inputs: Goodness with intervals, rank intervals, the Pareto front, correlation with a reference.")
        {
            common.Policy, common.Input, models, common.Seed, common.Samples, common.Json, common.ReportMarkdown, csv, plot, plotCost, html, reference, referenceMap, fitWeights, missing, by, common.NoColor, common.Verbose,
        };
        command.SetAction(parse => Run(
            new Settings(
                common.PolicyChoice(parse),
                parse.GetValue(common.Input) ?? [],
                parse.GetValue(common.Json),
                parse.GetValue(common.ReportMarkdown),
                parse.GetValue(csv),
                parse.GetValue(plot),
                parse.GetValue(plotCost),
                parse.GetValue(html),
                parse.GetValue(reference),
                parse.GetValue(referenceMap),
                parse.GetValue(fitWeights),
                parse.GetValue(missing),
                parse.GetValue(by) ?? [],
                parse.GetValue(common.NoColor),
                parse.GetValue(models) ?? []),
            context));
        return command;
    }

    private static int Run(Settings settings, CommandContext context)
    {
        foreach (var (option, file) in new[] { ("--plot", settings.Plot), ("--plot-cost", settings.PlotCost) })
        {
            if (file is not null && !ParetoPlot.Supports(file))
            {
                throw new UsageException($"{option} {file}: the image is written as .svg or .png; name the file so");
            }
        }

        if (settings.FitWeights && settings.Reference is null)
        {
            throw new UsageException("--fit-weights needs --reference (the scores to fit the weights to)");
        }

        var models = ModelInputs(settings.Models);
        var policy = PolicySource.Load(settings.Policy, settings.Inputs.Length > 0 || models.Count > 0, context.WorkingDirectory);
        var missing = settings.Missing is { } named ? Spelling.Parse<MissingBenchmarks>(named) : (policy.Rank ?? RankSpec.Default).Missing;
        var request = new RankRequest(settings.Inputs, missing, settings.Reference, settings.ReferenceMap, settings.FitWeights, models);
        Ranking.Ranking ranking;
        PolicyNode tree;
        using (var progress = InputProgress.For(context, RunLoader.ResolveFiles(policy, [.. settings.Inputs, .. models.Select(m => m.Path)], context.WorkingDirectory), settings.NoColor))
        {
            (ranking, tree) = RankJob.Run(policy, request, context.WorkingDirectory, ToolInfo.Version, ToolInfo.Now(context.Host), context.Error.WriteLine, progress);
        }

        var by = ByNodes(settings.By, tree);
        OutputFiles.Write(settings.Json, context.WorkingDirectory, () => RankingFile.ToJson(ranking));
        OutputFiles.Write(settings.ReportMarkdown, context.WorkingDirectory, () => RankingReport.Markdown(ranking, by));
        OutputFiles.Write(settings.Csv, context.WorkingDirectory, () => RankingReport.Csv(ranking));
        if (settings.Html is { } folder)
        {
            OutputFiles.Write(Path.Combine(folder, "index.html"), context.WorkingDirectory, () => Site.RankingHtml.Page(ranking, $"mpg {ToolInfo.Version} · ranking of {ranking.CreatedAt}"));
            OutputFiles.Write(Path.Combine(folder, SiteCommand.RankingFile), context.WorkingDirectory, () => RankingFile.ToJson(ranking));
        }

        if (settings.Plot is { } plot)
        {
            ParetoPlot.Write(ranking, ParetoAxis.Fastness(ranking), "--plot", plot, context.WorkingDirectory);
        }

        if (settings.PlotCost is { } costPlot)
        {
            ParetoPlot.Write(ranking, ParetoAxis.Cost(ranking) ?? throw new UsageException(NoCost(ranking, costPlot)), "--plot-cost", costPlot, context.WorkingDirectory);
        }

        context.Out.Write(RankingReport.Text(ranking, by));
        return ExitCodes.Ok;
    }

    private static string NoCost(Ranking.Ranking ranking, string file) => ranking.FastnessMetric == FastnessMetric.CostPer1k
        ? $"--plot-cost {file}: the policy's Fastness is already cost_per_1k; --plot draws Goodness against it"
        : $"--plot-cost {file}: no ranked model's inputs give a cost for every benchmark (promptfoo and Inspect logs record it per item; a per-item table in a cost column)";

    /// <summary><c>NAME=PATH</c> or <c>PATH</c> (named after its last folder), each name once.</summary>
    private static List<ModelInput> ModelInputs(string[] values)
    {
        var models = new List<ModelInput>();
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var path = eq > 0 ? value[(eq + 1)..] : value;
            var label = eq > 0 ? value[..eq] : Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            if (label.Length == 0 || path.Length == 0)
            {
                throw new UsageException($"--models {value}: expected NAME=PATH or a path with a folder name");
            }

            if (models.Any(m => m.Label == label))
            {
                throw new UsageException($"--models: the name '{label}' is given twice; write NAME=PATH to tell them apart");
            }

            models.Add(new ModelInput(label, path));
        }

        return models;
    }

    private static List<string> ByNodes(string[] requested, PolicyNode tree)
    {
        var groups = tree.DescendantsAndSelf().Skip(1).Where(n => !n.IsLeaf).Select(n => n.Id).ToList();
        var ids = tree.DescendantsAndSelf().Skip(1).Select(n => n.Id).ToList();
        var result = new List<string>();
        foreach (var id in requested)
        {
            if (id == AllGroups)
            {
                result.AddRange(groups.Where(g => !result.Contains(g)));
            }
            else if (ids.Contains(id))
            {
                if (!result.Contains(id))
                {
                    result.Add(id);
                }
            }
            else
            {
                var close = DidYouMean.Closest(id, ids);
                throw new UsageException($"--by {id}: no such node in the tree; it has {string.Join(", ", ids)} (or '{AllGroups}'){(close is null ? "" : $"; did you mean '{close}'?")}");
            }
        }

        return result;
    }
}
