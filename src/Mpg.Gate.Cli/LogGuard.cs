using System.Text;
using Mpg.Gate.Review.Ci;

namespace Mpg.Gate.Cli;

/// <summary>
/// Keeps text from the inputs (model, benchmark and node names in the text report and diagnostics) from being
/// read as an Azure Pipelines command: the agent acts on <c>##vso[</c> and <c>##[</c> anywhere in a line, so text
/// written through the guard has those broken up. (The Actions runner reads <c>::</c> only at a line's start:
/// <see cref="WorkflowCommandGuard"/> guards every run against that.) Our own commands go to
/// <see cref="CommandContext.Commands"/>, past both guards.
/// </summary>
internal sealed class LogGuard(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public static TextWriter Of(TextWriter writer, CiPlatform platform) =>
        platform is CiPlatform.Azure && writer is not LogGuard ? new LogGuard(writer) : writer;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : Defuse(value));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Defuse(value));

    public override void Flush() => inner.Flush();

    private static string Defuse(string text) =>
        text.Replace("##vso[", "##vso [", StringComparison.OrdinalIgnoreCase).Replace("##[", "## [", StringComparison.Ordinal);
}
