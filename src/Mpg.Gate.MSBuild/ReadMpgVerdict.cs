using System.Globalization;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Mpg.Gate.Reports;

namespace Mpg.Gate.MSBuild;

/// <summary>
/// Reads a verdict file (<c>mpg.verdict/1</c>) into MSBuild properties and items, so later targets can use the
/// verdict whether the gate ran in this build or was skipped as up to date.
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
            using var stream = File.OpenRead(VerdictFile);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            Verdict = Text(root, "verdict");
            GateName = Text(root, "name");
            Nodes = root.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array
                ? nodes.EnumerateArray().Select(Node).ToArray()
                : [];
            Log.LogMessage(MessageImportance.High, $"mpg gate {GateName}: {Verdict.ToUpperInvariant()} ({VerdictFile})");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            Log.LogError(null, DiagnosticCode.Input, null, VerdictFile, 0, 0, 0, 0, $"cannot read the verdict file: {e.Message}");
            return false;
        }
    }

    private static TaskItem Node(JsonElement node)
    {
        var item = new TaskItem(Text(node, "id"));
        item.SetMetadata("Status", Text(node, "status"));
        item.SetMetadata("Gated", Text(node, "gated"));
        item.SetMetadata("Rule", Text(node, "rule"));
        foreach (var name in new[] { "baselineMean", "candidateMean", "delta", "deltaLower", "deltaUpper", "pRegression" })
        {
            item.SetMetadata(char.ToUpperInvariant(name[0]) + name[1..], Text(node, name));
        }

        return item;
    }

    private static string Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return string.Empty;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => string.Empty,
        };
    }
}
