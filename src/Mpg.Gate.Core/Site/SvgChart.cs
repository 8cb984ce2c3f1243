using System.Globalization;
using System.Text;

namespace Mpg.Gate.Site;

/// <summary>Whose record a trend point is: main's (the line and its band), a pull request's, or another branch's.</summary>
public enum PointKind
{
    Main,
    PullRequest,
    Branch,
}

/// <summary>What the record's verdict said of the charted node, where it failed it.</summary>
public enum PointMark
{
    None,
    Regression,
    Drift,

    /// <summary>The gate failed when recorded, by an mpg that did not keep the verdict's details (shown on the root).</summary>
    Failed,
}

/// <summary>One record on a node's trend: time (Unix seconds), mean and interval in [0, 1], the page it links to, its tooltip.</summary>
public sealed record ChartPoint(double X, double Mean, double Lower, double Upper, string Href, string Tip, PointKind Kind, PointMark Mark);

/// <summary>One model on the Goodness/Fastness plot.</summary>
public sealed record ParetoPoint(double Fastness, double Mean, double Lower, double Upper, bool Front, string Tip);

/// <summary>
/// The site's charts as inline SVG, drawn here rather than with ScottPlot so that every point is an element of its own:
/// a link to its record, a native tooltip (<c>&lt;title&gt;</c>, no script), a class the page's light or dark colours
/// style, and a count a browser test can check. Every text in a chart goes through <see cref="HtmlText"/>.
/// </summary>
public static class SvgChart
{
    private const double Width = 900;
    private const double Height = 320;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 14;
    private const double Bottom = 34;

    /// <summary>A node's trend: main's credible band and line, every record as a linked point, failures marked.</summary>
    public static string Trend(IReadOnlyList<ChartPoint> points, string label)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sb = Open(label, "trend");
        if (points.Count == 0)
        {
            return sb.Append("</svg>").ToString();
        }

        var (x0, x1) = Span(points.Select(p => p.X));
        var (y0, y1) = Nice(points.Min(p => p.Lower) * 100, points.Max(p => p.Upper) * 100);
        double X(double x) => Left + ((x - x0) / (x1 - x0) * (Width - Left - Right));
        double Y(double v) => Top + ((y1 - (v * 100)) / (y1 - y0) * (Height - Top - Bottom));
        YAxis(sb, y0, y1, v => Top + ((y1 - v) / (y1 - y0) * (Height - Top - Bottom)), "");
        TimeAxis(sb, x0, x1, X);

        var main = points.Where(p => p.Kind == PointKind.Main).OrderBy(p => p.X).ToList();
        if (main.Count > 1)
        {
            sb.Append("<polygon class=\"band\" points=\"");
            sb.AppendJoin(' ', main.Select(p => Pair(X(p.X), Y(p.Upper))).Concat(main.AsEnumerable().Reverse().Select(p => Pair(X(p.X), Y(p.Lower)))));
            sb.Append("\"/><polyline class=\"line\" points=\"");
            sb.AppendJoin(' ', main.Select(p => Pair(X(p.X), Y(p.Mean))));
            sb.Append("\"/>");
        }

        // Main's points first, so the rarer pull-request points and the marks are drawn on top.
        foreach (var p in points.OrderBy(p => p.Kind == PointKind.Main ? 0 : 1).ThenBy(p => p.Mark))
        {
            var classes = $"pt {Spelling.Of(p.Kind)}{(p.Mark == PointMark.None ? "" : " " + Spelling.Of(p.Mark))}";
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{HtmlText.Escape(p.Href)}\">");
            var (cx, cy) = (X(p.X), Y(p.Mean));
            var r = p.Mark == PointMark.None ? 3.5 : 5.5;
            if (p.Kind == PointKind.Main)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"{classes}\" cx=\"{F(cx)}\" cy=\"{F(cy)}\" r=\"{F(r)}\">");
                sb.Append("<title>").Append(HtmlText.Escape(p.Tip)).Append("</title></circle></a>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<path class=\"{classes}\" d=\"M{F(cx)} {F(cy - r - 1)}L{F(cx + r + 1)} {F(cy)}L{F(cx)} {F(cy + r + 1)}L{F(cx - r - 1)} {F(cy)}Z\">");
                sb.Append("<title>").Append(HtmlText.Escape(p.Tip)).Append("</title></path></a>");
            }
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>A small line of values in [0, 1], oldest first, for the overview's table cell.</summary>
    public static string Sparkline(IReadOnlyList<double> values, string label)
    {
        ArgumentNullException.ThrowIfNull(values);
        const double w = 140, h = 30;
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"spark\" viewBox=\"0 0 {F(w)} {F(h)}\" width=\"{F(w)}\" height=\"{F(h)}\" role=\"img\" aria-label=\"{HtmlText.Escape(label)}\">");
        if (values.Count > 0)
        {
            var (lo, hi) = (values.Min(), values.Max());
            var range = hi - lo > 1e-12 ? hi - lo : 1;
            double X(int i) => values.Count == 1 ? w / 2 : 2 + (i * (w - 4) / (values.Count - 1));
            double Y(double v) => hi - lo > 1e-12 ? 2 + ((hi - v) / range * (h - 4)) : h / 2;
            sb.Append("<polyline class=\"line\" points=\"");
            sb.AppendJoin(' ', values.Select((v, i) => Pair(X(i), Y(v))));
            sb.Append(CultureInfo.InvariantCulture, $"\"/><circle class=\"pt main\" cx=\"{F(X(values.Count - 1))}\" cy=\"{F(Y(values[^1]))}\" r=\"2.5\"/>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Goodness against Fastness: interval bars, the Pareto front joined, each model a point with its tooltip.</summary>
    public static string Pareto(IReadOnlyList<ParetoPoint> points, string label, string fastnessLabel, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sb = Open(label, "pareto");
        if (points.Count == 0)
        {
            return sb.Append("</svg>").ToString();
        }

        var (x0, x1) = Nice(points.Min(p => p.Fastness), points.Max(p => p.Fastness));
        var (y0, y1) = Nice(points.Min(p => p.Lower) * 100, points.Max(p => p.Upper) * 100);
        double X(double x) => Left + ((x - x0) / (x1 - x0) * (Width - Left - Right));
        double Y(double v) => Top + ((y1 - (v * 100)) / (y1 - y0) * (Height - Top - Bottom));
        YAxis(sb, y0, y1, v => Top + ((y1 - v) / (y1 - y0) * (Height - Top - Bottom)), "");
        foreach (var t in Ticks(x0, x1))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(X(t))}\" x2=\"{F(X(t))}\" y1=\"{F(Top)}\" y2=\"{F(Height - Bottom)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(X(t))}\" y=\"{F(Height - Bottom + 16)}\" text-anchor=\"middle\">{t.ToString("0.###", CultureInfo.InvariantCulture)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(Width - Right)}\" y=\"{F(Height - 2)}\" text-anchor=\"end\">{HtmlText.Escape(fastnessLabel)} ({(higherIsBetter ? "higher" : "lower")} is better) →</text>");
        var front = points.Where(p => p.Front).OrderBy(p => p.Fastness).ToList();
        if (front.Count > 1)
        {
            sb.Append("<polyline class=\"front\" points=\"");
            sb.AppendJoin(' ', front.Select(p => Pair(X(p.Fastness), Y(p.Mean))));
            sb.Append("\"/>");
        }

        foreach (var p in points)
        {
            var (cx, cy) = (X(p.Fastness), Y(p.Mean));
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"pt model{(p.Front ? " front" : "")}\"><title>{HtmlText.Escape(p.Tip)}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"bar\" x1=\"{F(cx)}\" x2=\"{F(cx)}\" y1=\"{F(Y(p.Lower))}\" y2=\"{F(Y(p.Upper))}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(cx)}\" cy=\"{F(cy)}\" r=\"{(p.Front ? "6" : "4")}\"/></g>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string label, string kind) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"chart {kind}\" viewBox=\"0 0 {F(Width)} {F(Height)}\" role=\"img\" aria-label=\"{HtmlText.Escape(label)}\" preserveAspectRatio=\"xMidYMid meet\">");

    private static void YAxis(StringBuilder sb, double y0, double y1, Func<double, double> y, string unit)
    {
        foreach (var t in Ticks(y0, y1))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(y(t))}\" y2=\"{F(y(t))}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(Left - 6)}\" y=\"{F(y(t) + 4)}\" text-anchor=\"end\">{t.ToString("0.##", CultureInfo.InvariantCulture)}{unit}</text>");
        }
    }

    private static void TimeAxis(StringBuilder sb, double x0, double x1, Func<double, double> x)
    {
        const int ticks = 6;
        for (var i = 0; i < ticks; i++)
        {
            var t = x0 + ((x1 - x0) * i / (ticks - 1));
            var anchor = i == 0 ? "start" : i == ticks - 1 ? "end" : "middle";
            var date = DateTimeOffset.FromUnixTimeSeconds((long)t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(x(t))}\" y=\"{F(Height - Bottom + 16)}\" text-anchor=\"{anchor}\">{date}</text>");
        }
    }

    /// <summary>The range of the values, widened by a day either side when all are at one time.</summary>
    private static (double, double) Span(IEnumerable<double> values)
    {
        var list = values.ToList();
        var (lo, hi) = (list.Min(), list.Max());
        return hi - lo < 1 ? (lo - 86_400, hi + 86_400) : (lo, hi);
    }

    /// <summary>An axis range on round numbers containing [lo, hi], with some room.</summary>
    private static (double, double) Nice(double lo, double hi)
    {
        if (hi - lo < 1e-9)
        {
            (lo, hi) = (lo - 1, hi + 1);
        }

        var step = Step(hi - lo);
        return (Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step);
    }

    private static double Step(double range)
    {
        var raw = range / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static IEnumerable<double> Ticks(double lo, double hi)
    {
        var step = Step(hi - lo);
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + (step * 1e-9); t += step)
        {
            yield return Math.Round(t, 10);
        }
    }

    private static string Pair(double x, double y) => F(x) + "," + F(y);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
