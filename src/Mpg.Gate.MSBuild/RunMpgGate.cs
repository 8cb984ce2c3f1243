using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Mpg.Gate.Reports;

namespace Mpg.Gate.MSBuild;

/// <summary>
/// Runs the <c>mpg gate</c> CLI shipped in this package, out of process: the NativeAOT <c>mpg</c> of the build
/// machine's RID where the package has one, else the portable <c>mpg.dll</c> with the <c>dotnet</c> that runs
/// MSBuild (the targets choose; <see cref="CliPath"/> says which). It turns its canonical <c>file(line,col): error CODE: message</c> lines into MSBuild errors
/// and warnings. Nothing but MSBuild and the framework loads into MSBuild's process. The files the gate read,
/// which the next build checks, the CLI writes itself (<c>--files-read</c>): no log line is a contract.
/// </summary>
public sealed class RunMpgGate : ToolTask
{
    /// <summary>The packaged CLI: <c>tools/native/RID/mpg[.exe]</c> (run as it is) or <c>tools/cli/mpg.dll</c> (run with <c>dotnet exec</c>).</summary>
    [Required]
    public string CliPath { get; set; } = string.Empty;

    /// <summary>The policy; empty when none was found above the project.</summary>
    public string? PolicyFile { get; set; }

    public string? Baseline { get; set; }

    /// <summary>Eval outputs; when given they replace the policy's <c>inputs</c> (the CLI's <c>-i</c>).</summary>
    public ITaskItem[] EvalResults { get; set; } = [];

    /// <summary>Where the verdict JSON goes.</summary>
    [Required]
    public string VerdictFile { get; set; } = string.Empty;

    /// <summary>Where the Markdown and JUnit reports go, if anywhere.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>False turns the gate's failures (MPG1001–MPG1003) into warnings; policy and input errors stay errors.</summary>
    public bool FailOnRegression { get; set; } = true;

    /// <summary>The <c>dotnet</c> running this build (<c>$(DOTNET_HOST_PATH)</c>).</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>Where the CLI lists the eval outputs and baseline the gate read, one per line, so the next build knows its inputs.</summary>
    public string? InputsFile { get; set; }

    /// <summary>A NativeAOT <c>mpg</c>, not the portable <c>mpg.dll</c>.</summary>
    internal bool IsNative => !CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    protected override string ToolName => IsNative ? Path.GetFileName(CliPath) : Path.DirectorySeparatorChar == '\\' ? "dotnet.exe" : "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    private string PolicyDirectory => Path.GetDirectoryName(Path.GetFullPath(PolicyFile!)) ?? Directory.GetCurrentDirectory();

    public override bool Execute()
    {
        // Only a run that gets as far as a verdict lists what it read; a stale list must not outlive a failed run.
        if (!string.IsNullOrEmpty(InputsFile) && File.Exists(InputsFile))
        {
            File.Delete(InputsFile);
        }

        return base.Execute() && !Log.HasLoggedErrors;
    }

    protected override bool ValidateParameters()
    {
        if (string.IsNullOrWhiteSpace(PolicyFile))
        {
            Log.LogError(null, DiagnosticCode.Policy, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
                "no mpg.yml found in the project's folder or above it; add one or set MpgPolicyFile");
            return false;
        }

        if (!File.Exists(CliPath))
        {
            Log.LogError(null, DiagnosticCode.Internal, null, null, 0, 0, 0, 0,
                $"the mpg CLI is missing from the Mpg.Gate.MSBuild package ({CliPath}); restore the package again");
            return false;
        }

        if (IsNative && !MakeExecutable(CliPath, out var why))
        {
            Log.LogError(null, DiagnosticCode.Internal, null, null, 0, 0, 0, 0,
                $"the packaged native mpg ({CliPath}) is not executable and could not be made so ({why}); set MpgUseNativeCli=false to run the portable one");
            return false;
        }

        return base.ValidateParameters();
    }

    /// <summary>NuGet's extraction does not keep a file's mode: the native binary may come out of the package without its execute bits.</summary>
    private static bool MakeExecutable(string path, out string? why)
    {
        why = null;
#if NET
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & UnixFileMode.UserExecute) == 0)
                {
                    File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                why = e.Message;
                return false;
            }
        }
#endif
        return true;
    }

    protected override string GenerateFullPathToTool()
    {
        if (IsNative)
        {
            return Path.GetFullPath(CliPath);
        }

        if (DotnetHostPath is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromEnvironment && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split([Path.PathSeparator], StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, ToolName))
            .FirstOrDefault(File.Exists);
        return onPath ?? ToolName;
    }

    protected override string GetWorkingDirectory() => PolicyDirectory;

    protected override string GenerateCommandLineCommands() => CommandLine().ToString();

    internal CommandLineBuilder CommandLine()
    {
        var builder = new CommandLineBuilder();
        if (!IsNative)
        {
            builder.AppendSwitch("exec");
            builder.AppendFileNameIfNotNull(Path.GetFullPath(CliPath));
        }

        builder.AppendSwitch("gate");
        builder.AppendSwitchIfNotNull("-p ", Path.GetFullPath(PolicyFile!));
        if (!string.IsNullOrWhiteSpace(Baseline))
        {
            builder.AppendSwitchIfNotNull("--baseline ", Path.GetFullPath(Baseline));
        }

        foreach (var input in EvalResults)
        {
            builder.AppendSwitchIfNotNull("-i ", input.GetMetadata("FullPath"));
        }

        builder.AppendSwitchIfNotNull("--json ", Path.GetFullPath(VerdictFile));
        if (!string.IsNullOrWhiteSpace(ReportDirectory))
        {
            builder.AppendSwitchIfNotNull("--report-md ", Path.Combine(Path.GetFullPath(ReportDirectory), "mpg.md"));
            builder.AppendSwitchIfNotNull("--junit ", Path.Combine(Path.GetFullPath(ReportDirectory), "mpg.junit.xml"));
        }

        if (!string.IsNullOrWhiteSpace(InputsFile))
        {
            builder.AppendSwitchIfNotNull("--files-read ", Path.GetFullPath(InputsFile));
        }

        builder.AppendSwitch("--no-color");
        return builder;
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var message = CanonicalMessage.TryParse(singleLine);
        if (message is null)
        {
            Log.LogMessage(messageImportance, singleLine);
            return;
        }

        var file = message.File is null ? null : Path.GetFullPath(Path.Combine(PolicyDirectory, message.File));
        if (message.IsError && (FailOnRegression || !DiagnosticCode.IsGateFailure(message.Code)))
        {
            Log.LogError(null, message.Code, null, file, message.Line, message.Column, 0, 0, message.Text);
        }
        else
        {
            Log.LogWarning(null, message.Code, null, file, message.Line, message.Column, 0, 0, message.Text);
        }
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (ExitCode == DiagnosticCode.GateFailedExit && !FailOnRegression)
        {
            return true;
        }

        if (!Log.HasLoggedErrors)
        {
            // Every failing exit prints its own diagnostic; this covers one that did not (a crash of the runtime itself).
            Log.LogError(null, DiagnosticCode.ForExitCode(ExitCode), null, PolicyFile, 0, 0, 0, 0, $"mpg gate exited with code {ExitCode}");
        }

        return false;
    }
}
