using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mpg.Gate.Reports;

/// <summary>
/// The findings as a GitLab Code Quality report (Code Climate JSON: <c>artifacts:reports:codequality</c>), so the
/// merge request widget lists each failed rule at its <c>mpg.yml</c> line. A finding's fingerprint is built from
/// the gate, code, rule file, node and line, never from the numbers in its message: the same failure in the next
/// run has the same fingerprint, so GitLab shows it as still there, not as fixed and new.
/// </summary>
public static class CodeQualityReport
{
    /// <param name="relative">The path of a finding's file as GitLab knows it (relative to the repository root).</param>
    public static string Render(string gateName, IReadOnlyList<Diagnostic> findings, Func<string, string> relative)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(relative);
        // Relaxed escaping keeps Δ and − readable; GitLab shows the description as text, never as HTML.
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var finding in findings)
            {
                var path = finding.File is null ? Diagnostic.ToolOrigin : relative(finding.File);
                var line = Math.Max(1, finding.Line);
                json.WriteStartObject();
                json.WriteString("description", finding.Message);
                json.WriteString("check_name", finding.Code);
                json.WriteString("fingerprint", Fingerprint(gateName, finding.Code, path, finding.Subject, line));
                json.WriteString("severity", finding.Severity == Severity.Error ? "major" : "minor");
                json.WriteStartObject("location");
                json.WriteString("path", path);
                json.WriteStartObject("lines");
                json.WriteNumber("begin", line);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Fingerprint(string gateName, string code, string path, string? subject, int line)
    {
        var key = string.Join('\u001f', gateName, code, path, subject ?? string.Empty, line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }
}
