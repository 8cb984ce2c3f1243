namespace Mpg.Gate.MSBuild;

/// <summary>The CLI's diagnostic codes and exit codes the task acts on (README: Exit codes, Errors).</summary>
internal static class GateCodes
{
    public const string Regression = "MPG1001";
    public const string Floor = "MPG1002";
    public const string Missing = "MPG1003";
    public const string Inconclusive = "MPG1004";
    public const string Policy = "MPG2001";
    public const string Input = "MPG3001";
    public const string Service = "MPG4001";
    public const string Internal = "MPG5001";

    public const int GateFailedExit = 1;

    /// <summary>The codes that mean "the gate failed" (not "the gate could not run").</summary>
    public static bool IsGateFailure(string code) => code is Regression or Floor or Missing or Inconclusive;

    /// <summary>The code for a non-zero exit that printed no diagnostic of its own.</summary>
    public static string ForExitCode(int exitCode) => exitCode switch
    {
        GateFailedExit => Regression,
        2 => Policy,
        3 => Input,
        4 => Service,
        _ => Internal,
    };
}
