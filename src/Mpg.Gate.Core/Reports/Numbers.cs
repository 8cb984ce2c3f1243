using System.Globalization;

namespace Mpg.Gate.Reports;

/// <summary>How reports print numbers: accuracies as points (percent), deltas signed with a true minus sign.</summary>
internal static class Numbers
{
    public static string Points(double? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string SignedPoints(double? value) =>
        value is { } v ? (v * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) : "—";

    public static string Probability(double? value) =>
        value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Plain(double? value, string format = "0.###") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Count(double? value) =>
        value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "—";
}
