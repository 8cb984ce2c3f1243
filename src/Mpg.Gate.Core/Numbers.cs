using System.Globalization;

namespace Mpg.Gate;

/// <summary>How outputs print numbers: accuracies as points (percent), deltas signed with a true minus sign; times in UTC to the second.</summary>
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

    /// <summary>The <c>createdAt</c> of scorecards and verdicts: UTC, to the second, so reruns in one second are byte-identical.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
