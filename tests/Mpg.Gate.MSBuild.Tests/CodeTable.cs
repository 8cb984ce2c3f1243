using Mpg.Gate.Cli;
using Mpg.Gate.Reports;

namespace Mpg.Gate.MSBuild.Tests;

/// <summary>The task reads the CLI's code table (one file, linked); its exit-code mapping must follow the CLI's exit codes.</summary>
public sealed class CodeTable
{
    [Fact]
    public void ExitCodes_MapToTheCodeTheCliPrintsForThem()
    {
        Assert.Equal(ExitCodes.GateFailed, DiagnosticCode.GateFailedExit);
        Assert.Equal(DiagnosticCode.Regression, DiagnosticCode.ForExitCode(ExitCodes.GateFailed));
        Assert.Equal(DiagnosticCode.Policy, DiagnosticCode.ForExitCode(ExitCodes.PolicyError));
        Assert.Equal(DiagnosticCode.Input, DiagnosticCode.ForExitCode(ExitCodes.InputError));
        Assert.Equal(DiagnosticCode.Service, DiagnosticCode.ForExitCode(ExitCodes.ServiceError));
        Assert.Equal(DiagnosticCode.Internal, DiagnosticCode.ForExitCode(ExitCodes.InternalError));
    }
}
