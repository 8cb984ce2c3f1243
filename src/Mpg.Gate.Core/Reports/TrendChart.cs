using System.Globalization;
using System.Text.RegularExpressions;
using Mpg.Gate.History;
using Mpg.Gate.Scoring;
using ScottPlot;

namespace Mpg.Gate.Reports;

/// <summary>One point of a node's trend: when, and the node's mean and credible interval.</summary>
public sealed record TrendSample(DateTimeOffset At, double Mean, double Lower, double Upper, bool Failed = false);

/// <summary>
/// The trend of a node over a branch's records as an image (ScottPlot): the credible band, the records' means, and
/// the candidate marked where one is given. One PNG and one SVG per node.
/// </summary>
public static partial class TrendChart
{
    private const int Width = 900;
    private const int Height = 450;

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotFileNameChars();

    /// <summary>The node's samples in the records, oldest first; records without the node are left out.</summary>
    public static IReadOnlyList<TrendSample> Samples(IReadOnlyList<HistoryRecord> oldestFirst, string node)
    {
        ArgumentNullException.ThrowIfNull(oldestFirst);
        return oldestFirst
            .Select(r => (r, n: r.Scorecard.Find(node)))
            .Where(p => p.n is not null)
            .Select(p => new TrendSample(DateTimeOffset.Parse(p.r.Entry.RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), p.n!.Mean, p.n.Lower, p.n.Upper, p.r.Entry.Verdict == Spelling.Of(Comparison.VerdictResult.Fail)))
            .ToList();
    }

    /// <returns>The two files written: <c>DIR/NODE.png</c> and <c>DIR/NODE.svg</c>.</returns>
    public static (string Png, string Svg) Write(string directory, string node, string branch, IReadOnlyList<TrendSample> samples, TrendSample? candidate, double level)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var plot = new Plot();
        if (samples.Count > 0)
        {
            var xs = samples.Select(s => s.At.UtcDateTime.ToOADate()).ToArray();
            var band = plot.Add.FillY(xs, samples.Select(s => s.Upper * 100).ToArray(), samples.Select(s => s.Lower * 100).ToArray());
            band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.25);
            band.LineStyle.Width = 0;
            band.LegendText = string.Create(CultureInfo.InvariantCulture, $"{level * 100:0}% credible interval");
            var means = plot.Add.Scatter(xs, samples.Select(s => s.Mean * 100).ToArray());
            means.Color = Colors.SteelBlue;
            means.MarkerSize = 5;
            means.LegendText = $"{branch} records";
            var failed = samples.Where(s => s.Failed).ToList();
            if (failed.Count > 0)
            {
                var red = plot.Add.ScatterPoints(failed.Select(s => s.At.UtcDateTime.ToOADate()).ToArray(), failed.Select(s => s.Mean * 100).ToArray());
                red.Color = Colors.OrangeRed;
                red.MarkerSize = 7;
                red.LegendText = "gate failed when recorded";
            }
        }

        if (candidate is not null)
        {
            var x = candidate.At.UtcDateTime.ToOADate();
            var interval = plot.Add.Line(x, candidate.Lower * 100, x, candidate.Upper * 100);
            interval.Color = Colors.Crimson;
            interval.LineWidth = 2;
            var marker = plot.Add.Marker(x, candidate.Mean * 100);
            marker.Color = Colors.Crimson;
            marker.Size = 11;
            marker.Shape = MarkerShape.FilledDiamond;
            marker.LegendText = "candidate";
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{node} on {branch}");
        plot.YLabel("points");
        plot.ShowLegend(Alignment.LowerLeft);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, NotFileNameChars().Replace(node, "_"));
        plot.SavePng(stem + ".png", Width, Height);
        plot.SaveSvg(stem + ".svg", Width, Height);
        return (stem + ".png", stem + ".svg");
    }

    /// <summary>A scorecard's node as the chart's candidate point, stamped with the scorecard's time.</summary>
    public static TrendSample? Candidate(Scorecard? card, string node) =>
        card?.Find(node) is { } n
            ? new TrendSample(DateTimeOffset.Parse(card.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), n.Mean, n.Lower, n.Upper)
            : null;
}
