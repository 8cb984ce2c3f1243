using System.Text.RegularExpressions;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// What lm-evaluation-harness encodes in its file names: <c>results_&lt;timestamp&gt;.json</c> and
/// <c>samples_&lt;task&gt;_&lt;timestamp&gt;.jsonl</c>. Task names contain underscores, so the timestamp is matched from the right.
/// </summary>
internal static partial class LmEvalFileName
{
    [GeneratedRegex(@"^samples_(?<task>.+)_(?<ts>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(\.\d+)?)\.jsonl$", RegexOptions.CultureInvariant)]
    private static partial Regex SamplesPattern();

    [GeneratedRegex(@"^results_(?<ts>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(\.\d+)?)\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex ResultsPattern();

    public static bool IsSamples(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>Task and timestamp of a samples file, or null when the name does not follow the harness pattern.</summary>
    public static (string Task, string Timestamp)? Samples(string path)
    {
        var match = SamplesPattern().Match(Path.GetFileName(path));
        return match.Success ? (match.Groups["task"].Value, match.Groups["ts"].Value) : null;
    }

    public static string? ResultsTimestamp(string path)
    {
        var match = ResultsPattern().Match(Path.GetFileName(path));
        return match.Success ? match.Groups["ts"].Value : null;
    }
}
