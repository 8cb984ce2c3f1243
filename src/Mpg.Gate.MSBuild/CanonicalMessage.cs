using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpg.Gate.MSBuild;

/// <summary>One line the CLI printed in MSBuild's canonical form, <c>file(line,col): error CODE: message</c>.</summary>
internal sealed partial record CanonicalMessage(string? File, int Line, int Column, bool IsError, string Code, string Text)
{
    /// <summary>The origin the CLI uses when no file is to blame (<c>mpg: error MPG5001: …</c>).</summary>
    private const string ToolOrigin = "mpg";

    public static CanonicalMessage? TryParse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var origin = match.Groups["origin"].Value.Trim();
        return new CanonicalMessage(
            origin.Length == 0 || origin == ToolOrigin ? null : origin,
            Number(match.Groups["line"]),
            Number(match.Groups["column"]),
            match.Groups["category"].Value == "error",
            match.Groups["code"].Value,
            match.Groups["text"].Value);
    }

    private static int Number(Group group) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // The origin is lazy so a Windows drive letter's colon stays in it; the code is the project's MPGnnnn.
    private const string Canonical = @"^(?<origin>.*?)(\((?<line>\d{1,9})(,(?<column>\d{1,9}))?\))?: (?<category>error|warning) (?<code>MPG\d{4}): (?<text>.*)$";

#if NET
    [GeneratedRegex(Canonical, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
#else
    // .NET Framework's MSBuild (Visual Studio) has no regex source generator.
    private static readonly Regex CanonicalPattern = new(Canonical, RegexOptions.CultureInvariant);

    private static Regex Pattern() => CanonicalPattern;
#endif
}
