using System.Globalization;
using System.Runtime.Serialization.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Mpg.Gate.Reports;

namespace Mpg.Gate.MSBuild;

/// <summary>
/// Reads a verdict file (<c>mpg.verdict/1</c>) into MSBuild properties and items, so later targets can use the
/// verdict whether the gate ran in this build or was skipped as up to date. The JSON is read with the framework's own
/// reader (JsonReaderWriterFactory, in .NET Framework and .NET alike), so the net472 task needs nothing beside it.
/// </summary>
public sealed class ReadMpgVerdict : Microsoft.Build.Utilities.Task
{
    [Required]
    public string VerdictFile { get; set; } = string.Empty;

    /// <summary><c>pass</c> or <c>fail</c>.</summary>
    [Output]
    public string Verdict { get; set; } = string.Empty;

    /// <summary>The gate's name (the policy's <c>name</c>).</summary>
    [Output]
    public string GateName { get; set; } = string.Empty;

    /// <summary>One item per node: the node id, with Status, Gated, Rule, BaselineMean, CandidateMean, Delta, DeltaLower, DeltaUpper, PRegression.</summary>
    [Output]
    public ITaskItem[] Nodes { get; set; } = [];

    public override bool Execute()
    {
        try
        {
            XElement root;
            using (var stream = File.OpenRead(VerdictFile))
            using (var reader = JsonReaderWriterFactory.CreateJsonReader(stream, XmlDictionaryReaderQuotas.Max))
            {
                root = XElement.Load(reader);
            }

            Verdict = Text(root, "verdict");
            GateName = Text(root, "name");
            Nodes = Property(root, "nodes") is { } nodes && (string?)nodes.Attribute("type") == "array"
                ? nodes.Elements().Select(Node).ToArray()
                : [];
            Log.LogMessage(MessageImportance.High, $"mpg gate {GateName}: {Verdict.ToUpperInvariant()} ({VerdictFile})");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            Log.LogError(null, DiagnosticCode.Input, null, VerdictFile, 0, 0, 0, 0, $"cannot read the verdict file: {e.Message}");
            return false;
        }
    }

    private static TaskItem Node(XElement node)
    {
        var item = new TaskItem(Text(node, "id"));
        item.SetMetadata("Status", Text(node, "status"));
        item.SetMetadata("Gated", Text(node, "gated"));
        item.SetMetadata("Rule", Text(node, "rule"));
        foreach (var name in new[] { "baselineMean", "candidateMean", "delta", "deltaLower", "deltaUpper", "pRegression" })
        {
            item.SetMetadata(char.ToUpperInvariant(name[0]) + name.Substring(1), Text(node, name));
        }

        return item;
    }

    /// <summary>A member of a JSON object; the XML mapping names an element "item" with an "item" attribute where the key is no XML name.</summary>
    private static XElement? Property(XElement element, string name) =>
        element.Element(name) ?? element.Elements().FirstOrDefault(e => (string?)e.Attribute("item") == name);

    private static string Text(XElement element, string name)
    {
        if (Property(element, name) is not { } value)
        {
            return string.Empty;
        }

        return (string?)value.Attribute("type") switch
        {
            "string" => value.Value,
            "number" => double.Parse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            "boolean" => value.Value == "true" ? "true" : "false",
            _ => string.Empty,
        };
    }
}
