using System.Globalization;

namespace Mpg.Gate.Reports;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One finding for the user: where (the policy line of a rule, the file at fault), its code and what to say.
/// Front ends render the same list: the CLI in MSBuild's canonical form, Actions as annotations.
/// </summary>
/// <param name="File">The file to blame, or null when none is (then the origin is <c>mpg</c>).</param>
/// <param name="Subject">What the finding is about where that is not in the message's place (a rule's node), for titles.</param>
public sealed record Diagnostic(Severity Severity, string Code, string? File, int Line, int Column, string Message, string? Subject = null)
{
    /// <summary>The origin of a finding no file is to blame for (<c>mpg: error MPG5001: …</c>).</summary>
    public const string ToolOrigin = "mpg";

    /// <summary><c>file(line,col): error CODE: message</c>, which MSBuild, IDEs and CI log parsers all read.</summary>
    public string ToCanonical()
    {
        var file = File ?? ToolOrigin;
        var location = Line <= 0 ? file
            : Column <= 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}({Line})")
            : string.Create(CultureInfo.InvariantCulture, $"{file}({Line},{Column})");
        // One finding is one line (the MSBuild task reads them back line by line): a name's line break must not start another.
        var message = Message.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        return $"{location}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {message}";
    }
}
