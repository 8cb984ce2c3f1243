namespace Mpg.Gate.Cli;

/// <summary>The process exit codes. Documented in the README; never renumbered.</summary>
public static class ExitCodes
{
    /// <summary>Pass, or the command did its job.</summary>
    public const int Ok = 0;

    /// <summary>The gate failed: a regression, a floor violation, missing data for a gated node, or a failing Fastness rule.</summary>
    public const int GateFailed = 1;

    /// <summary>Usage or policy error: bad options, a malformed <c>mpg.yml</c>, a benchmark no input has.</summary>
    public const int PolicyError = 2;

    /// <summary>Input data error: an eval output or scorecard missing, unreadable or malformed.</summary>
    public const int InputError = 3;

    /// <summary>A required external service failed (GitHub, history server).</summary>
    public const int ServiceError = 4;

    /// <summary>A bug in mpg: an unexpected exception. Reported in one line, never as a stack trace.</summary>
    public const int InternalError = 5;
}
