namespace Mpg.Gate.Reports;

/// <summary>
/// The one table of MPG diagnostic codes (README: Errors). This file is compiled into Core and, linked, into the
/// MSBuild task, which references nothing of ours: the task reads back the very codes the CLI prints.
/// </summary>
internal static class DiagnosticCode
{
    /// <summary>A gated node regressed.</summary>
    public const string Regression = "MPG1001";

    /// <summary>A gated node is below its floor.</summary>
    public const string Floor = "MPG1002";

    /// <summary>A gated node has no data on one side (fails closed).</summary>
    public const string Missing = "MPG1003";

    /// <summary>A gated node is inconclusive: a warning, or an error with <c>inconclusive: fail</c>.</summary>
    public const string Inconclusive = "MPG1004";

    /// <summary>A required item (<c>gate.required</c>) broke.</summary>
    public const string Required = "MPG1005";

    /// <summary>A gated node drifted below the pooled recent history (<c>gate.drift</c>).</summary>
    public const string Drift = "MPG1006";

    /// <summary>A gated node's pass^k (items correct on every repeat) is below its <c>min_pass_all</c>.</summary>
    public const string PassAll = "MPG1007";

    /// <summary>Fastness below <c>min_ratio</c>: a warning, or an error with <c>action: fail</c>.</summary>
    public const string Fastness = "MPG1101";

    /// <summary>A usage or policy error (exit 2).</summary>
    public const string Policy = "MPG2001";

    /// <summary>An input data error (exit 3).</summary>
    public const string Input = "MPG3001";

    /// <summary>A required external service failed (exit 4), or, as a warning, one that was not required.</summary>
    public const string Service = "MPG4001";

    /// <summary>The history store cannot be reached, refused us, cannot be written, or is newer than this mpg (exit 4).</summary>
    public const string History = "MPG4002";

    /// <summary>A bug in mpg (exit 5).</summary>
    public const string Internal = "MPG5001";

    /// <summary>The CLI's exit code for a failed gate (README: Exit codes).</summary>
    public const int GateFailedExit = 1;

    /// <summary>The node failures (not "the gate could not run"), which <c>MpgFailOnRegression=false</c> makes warnings.</summary>
    public static bool IsGateFailure(string code) => code is Regression or Floor or Missing or Inconclusive or Required or Drift or PassAll;

    /// <summary>
    /// The code for a non-zero exit that printed no diagnostic of its own. The numbers are the CLI's exit codes
    /// (README: Exit codes; a test holds them to <c>Mpg.Gate.Cli.ExitCodes</c>).
    /// </summary>
    public static string ForExitCode(int exitCode) => exitCode switch
    {
        GateFailedExit => Regression,
        2 => Policy,
        3 => Input,
        4 => Service,
        _ => Internal,
    };
}
