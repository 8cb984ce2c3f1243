using System.Globalization;
using System.Text;

namespace Mpg.Gate.Review.AzureDevOps;

/// <summary>
/// Azure Pipelines logging commands (<c>##vso[area.action key=value;…]message</c>), written to stdout under
/// <c>TF_BUILD</c>. Every value is escaped as the agent unescapes it (<c>%</c>, <c>;</c>, <c>]</c>, CR, LF),
/// so a model or benchmark name cannot end a property or start a command of its own.
/// </summary>
public static class PipelineCommands
{
    /// <summary>An error or warning in the build's issues, pointing at a file and line.</summary>
    public static string LogIssue(bool error, string? sourcePath, int line, int column, string? code, string message)
    {
        var properties = new List<(string, string)> { ("type", error ? "error" : "warning") };
        if (sourcePath is not null)
        {
            properties.Add(("sourcepath", sourcePath));
            if (line > 0)
            {
                properties.Add(("linenumber", line.ToString(CultureInfo.InvariantCulture)));
            }

            if (column > 0)
            {
                properties.Add(("columnnumber", column.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (code is not null)
        {
            properties.Add(("code", code));
        }

        return Command("task.logissue", properties, message);
    }

    /// <summary>Attaches a Markdown file to the run's Extensions tab.</summary>
    public static string UploadSummary(string path) => Command("task.uploadsummary", [], path);

    /// <summary>Sets a pipeline variable; an output variable is readable by later jobs.</summary>
    public static string SetVariable(string name, string value, bool isOutput) =>
        Command("task.setvariable", isOutput ? [("variable", name), ("isOutput", "true")] : [("variable", name)], value);

    public static string Command(string name, IReadOnlyList<(string Key, string Value)> properties, string message)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var sb = new StringBuilder("##vso[").Append(name);
        for (var i = 0; i < properties.Count; i++)
        {
            sb.Append(i == 0 ? ' ' : ';').Append(properties[i].Key).Append('=').Append(Escape(properties[i].Value));
        }

        return sb.Append(']').Append(Escape(message)).ToString();
    }

    /// <summary>The agent's escaping (azure-pipelines-agent CommandStringConvertor): '%' first, so an escape is never escaped twice.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace(";", "%3B", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal)
            .Replace("]", "%5D", StringComparison.Ordinal);
    }
}
