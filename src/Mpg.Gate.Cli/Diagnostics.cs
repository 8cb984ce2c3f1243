using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Cli;

/// <summary>
/// Messages in MSBuild's canonical form, <c>file(line,col): error CODE: message</c>, so a build, an IDE
/// and CI log parsers all point at the right place.
/// </summary>
public static class Diagnostics
{
    public const string PolicyCode = "MPG2001";
    public const string InputCode = "MPG3001";
    public const string RegressionCode = "MPG1001";
    public const string FloorCode = "MPG1002";
    public const string MissingCode = "MPG1003";
    public const string FastnessCode = "MPG1101";
    public const string GitHubCode = "MPG4001";
    public const string HistoryCode = "MPG4002";
    public const string DriftCode = "MPG1004";
    public const string InternalCode = "MPG5001";

    public static string Error(string file, int line, int column, string code, string message) =>
        $"{Location(file, line, column)}: error {code}: {message}";

    public static string Warning(string file, int line, int column, string code, string message) =>
        $"{Location(file, line, column)}: warning {code}: {message}";

    public static string Of(PolicyException e) =>
        Error(e.Span.File, e.Span.Line, e.Span.Column, PolicyCode, e.Suggestion is null ? e.Message : $"{e.Message}; {e.Suggestion}");

    public static string Of(InputException e) =>
        Error(e.File, (int)(e.Line ?? 0), 0, InputCode, e.Message);

    /// <summary>A corrupt store is bad input (MPG3001, exit 3); any other history fault is the service failing (MPG4002, exit 4).</summary>
    public static string Of(HistoryException e) =>
        Error(e.Store, 0, 0, e.Fault == HistoryFault.Corrupt ? InputCode : HistoryCode, e.Message);

    private static string Location(string file, int line, int column) =>
        line <= 0 ? file : column <= 0 ? $"{file}({line})" : $"{file}({line},{column})";
}
