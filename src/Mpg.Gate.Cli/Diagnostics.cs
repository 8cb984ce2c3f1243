using Mpg.Gate.History;
using Mpg.Gate.Ingest;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using Mpg.Gate.Reports;

namespace Mpg.Gate.Cli;

/// <summary>
/// Messages in MSBuild's canonical form, <c>file(line,col): error CODE: message</c>, so a build, an IDE
/// and CI log parsers all point at the right place. The codes are Core's one table, <see cref="DiagnosticCode"/>.
/// </summary>
public static class Diagnostics
{
    public const string PolicyCode = DiagnosticCode.Policy;
    public const string InputCode = DiagnosticCode.Input;
    public const string RegressionCode = DiagnosticCode.Regression;
    public const string FloorCode = DiagnosticCode.Floor;
    public const string MissingCode = DiagnosticCode.Missing;
    public const string FastnessCode = DiagnosticCode.Fastness;
    public const string GitHubCode = DiagnosticCode.Service;
    public const string HistoryCode = DiagnosticCode.History;
    public const string DriftCode = DiagnosticCode.Drift;
    public const string InternalCode = DiagnosticCode.Internal;

    public static string Error(string file, int line, int column, string code, string message) =>
        new Diagnostic(Severity.Error, code, file, line, column, message).ToCanonical();

    public static string Warning(string file, int line, int column, string code, string message) =>
        new Diagnostic(Severity.Warning, code, file, line, column, message).ToCanonical();

    public static string Of(PolicyException e) =>
        Error(e.Span.File, e.Span.Line, e.Span.Column, PolicyCode, e.Suggestion is null ? e.Message + HowToGive(e) : $"{e.Message}; {e.Suggestion}");

    public static string Of(InputException e) =>
        Error(e.File, (int)(e.Line ?? 0), 0, InputCode, e.Message + HowToGive(e));

    /// <summary>A corrupt store is bad input (MPG3001, exit 3); any other history fault is the service failing (MPG4002, exit 4).</summary>
    public static string Of(HistoryException e) =>
        Error(e.Store, 0, 0, e.Fault == HistoryFault.Corrupt ? InputCode : HistoryCode, e.Message);

    /// <summary>Core says what is missing; the CLI says which of its options gives it.</summary>
    private static string HowToGive(Exception e) => e switch
    {
        NoBaselineException => " or pass --baseline FILE (a scorecard written by 'mpg score -o')",
        NoInputsException => " or give files with -i",
        SeveralModelsException => "; pick one with --model NAME or give the files of one model with -i",
        NoCompleteModelException => "; rank with --missing renormalise to use what each has",
        TooFewInReferenceException => ". Map names with --reference-map (columns model, reference)",
        NoHistoryRecordException => "; record main's runs with 'mpg gate --record' or 'mpg history record'",
        _ => string.Empty,
    };
}
