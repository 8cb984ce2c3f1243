using System.Text;
using Mpg.Gate.Review.Ci;

namespace Mpg.Gate.Cli;

/// <summary>
/// Keeps text from the inputs (model, benchmark and node names in the text report and diagnostics) from being
/// read as a CI command. The Azure Pipelines agent acts on <c>##vso[</c> and <c>##[</c> anywhere in a line, the
/// Actions runner on a line starting with <c>::</c>; text written through the guard has those broken up, and
/// only our own commands, written to <see cref="Raw"/>, keep them.
/// </summary>
internal sealed class LogGuard(TextWriter inner, CiPlatform platform) : TextWriter
{
    private TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer under the guard, or the writer itself where it is not guarded: for commands we write on purpose.</summary>
    public static TextWriter Raw(TextWriter writer) => writer is LogGuard guard ? guard.Inner : writer;

    public static TextWriter Of(TextWriter writer, CiPlatform platform) =>
        platform is CiPlatform.Azure or CiPlatform.GitHub && writer is not LogGuard ? new LogGuard(writer, platform) : writer;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : Defuse(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Defuse(value));

    public override void Flush() => inner.Flush();

    private string Defuse(string text)
    {
        if (platform == CiPlatform.Azure)
        {
            return text.Replace("##vso[", "##vso [", StringComparison.OrdinalIgnoreCase).Replace("##[", "## [", StringComparison.Ordinal);
        }

        // A word joiner before a leading "::" keeps the line text; the runner only reads commands at a line's start.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("::", StringComparison.Ordinal))
            {
                lines[i] = "\u2060" + lines[i];
            }
        }

        return string.Join('\n', lines);
    }
}
