using System.Globalization;
using System.Text;

namespace Mpg.Gate.GitHub;

/// <summary>
/// GitHub Actions conventions: the job summary (<c>GITHUB_STEP_SUMMARY</c>), step outputs
/// (<c>GITHUB_OUTPUT</c>) and workflow-command annotations. Each is used only where Actions set it up.
/// </summary>
public static class ActionsWorkflow
{
    public static bool IsActions(Func<string, string?> environment) =>
        string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends to the job summary; false where there is none.</summary>
    public static bool AppendSummary(Func<string, string?> environment, string markdown)
    {
        if (environment("GITHUB_STEP_SUMMARY") is not { Length: > 0 } path)
        {
            return false;
        }

        File.AppendAllText(path, markdown.EndsWith('\n') ? markdown : markdown + "\n");
        return true;
    }

    /// <summary>Writes <c>name=value</c> step outputs; false where there is no <c>GITHUB_OUTPUT</c>.</summary>
    public static bool WriteOutputs(Func<string, string?> environment, IEnumerable<KeyValuePair<string, string>> outputs)
    {
        if (environment("GITHUB_OUTPUT") is not { Length: > 0 } path)
        {
            return false;
        }

        var sb = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            // One line each: values are numbers and words; a stray newline would start a new output.
            sb.Append(name).Append('=').Append(value.ReplaceLineEndings(" ")).Append('\n');
        }

        File.AppendAllText(path, sb.ToString());
        return true;
    }

    /// <summary>An <c>::error</c> or <c>::warning</c> workflow command pointing at a file and line.</summary>
    public static string Annotation(string level, string? file, int line, int column, string? title, string message)
    {
        var properties = new List<string>();
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
            if (line > 0)
            {
                properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
            }

            if (column > 0)
            {
                properties.Add("col=" + column.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (title is not null)
        {
            properties.Add("title=" + EscapeProperty(title));
        }

        var head = properties.Count == 0 ? "::" + level : $"::{level} {string.Join(',', properties)}";
        return $"{head}::{EscapeData(message)}";
    }

    /// <summary>The Actions escaping of a command's message: %, CR and LF.</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value also escapes ':' and ','.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
