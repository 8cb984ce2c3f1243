using Mpg.Gate.Ingest;
using Mpg.Gate.Ranking;
using ScottPlot;

namespace Mpg.Gate.Cli;

/// <summary>
/// Goodness against Fastness (or cost), one point per model with its Goodness interval as a bar, the Pareto front joined by a
/// line. Drawn here, not in the core, so that ScottPlot and its native Skia libraries stay out of the core library.
/// </summary>
internal static class ParetoPlot
{
    public static bool Supports(string path) =>
        path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    /// <param name="option">The option that asked for the plot, named in errors.</param>
    public static void Write(Ranking.Ranking ranking, ParetoAxis axis, string option, string path, string workingDirectory)
    {
        var placed = ranking.Models.Where(m => axis.Value(m) is not null).ToList();
        if (placed.Count == 0)
        {
            throw new UsageException($"{option} {path}: no ranked model's inputs give {axis.What} ({axis.Name}), so there is nothing to plot Goodness against");
        }

        double X(RankedModel m) => axis.Value(m)!.Value;
        var plot = new Plot();
        var xs = placed.Select(X).ToArray();
        var ys = placed.Select(m => m.Goodness.Mean * 100).ToArray();
        var bars = new ScottPlot.Plottables.ErrorBar(
            xs, ys, null, null,
            placed.Select(m => (m.Goodness.Mean - m.Goodness.Lower) * 100).ToArray(),
            placed.Select(m => (m.Goodness.Upper - m.Goodness.Mean) * 100).ToArray());
        bars.Color = Colors.Gray;
        plot.Add.Plottable(bars);

        var front = placed.Where(axis.OnFront).OrderBy(X).ToList();
        if (front.Count > 1)
        {
            var line = plot.Add.ScatterLine(front.Select(X).ToArray(), front.Select(m => m.Goodness.Mean * 100).ToArray());
            line.Color = Colors.OrangeRed;
            line.LineWidth = 1.5f;
            line.LegendText = "Pareto front";
        }

        var others = plot.Add.Markers(xs, ys);
        others.Color = Colors.SteelBlue;
        others.MarkerSize = 7;
        others.LegendText = "model (bar: Goodness interval)";
        if (front.Count > 0)
        {
            var marked = plot.Add.Markers(front.Select(X).ToArray(), front.Select(m => m.Goodness.Mean * 100).ToArray());
            marked.Color = Colors.OrangeRed;
            marked.MarkerSize = 11;
            marked.MarkerShape = MarkerShape.OpenCircle;
            marked.LegendText = "on the Pareto front";
        }

        foreach (var m in placed)
        {
            var label = plot.Add.Text(m.Label, X(m), m.Goodness.Mean * 100);
            label.LabelFontSize = 10;
            label.OffsetX = 6;
            label.OffsetY = -6;
        }

        plot.Title($"{ranking.PolicyName}: Goodness vs {axis.What}");
        plot.XLabel(axis.Label);
        plot.YLabel($"Goodness (points, {ranking.Level * 100:0}% interval)");
        plot.ShowLegend(Alignment.LowerLeft);
        // Room on the right for the labels of the fastest models.
        plot.Axes.Margins(0.05, 0.3, 0.1, 0.1);

        var full = Path.GetFullPath(path, workingDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (full.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            {
                plot.SaveSvg(full, 900, 600);
            }
            else
            {
                plot.SavePng(full, 900, 600);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"cannot write the plot: {e.Message}");
        }
    }
}
