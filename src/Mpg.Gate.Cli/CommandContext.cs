namespace Mpg.Gate.Cli;

/// <summary>Where a command writes (results to Out, diagnostics to Error) and the folder relative paths start from.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    public MpgHost Host { get; init; } = MpgHost.Process;

    /// <summary>Where mpg's own GitHub Actions workflow commands (annotations) go: stdout, without the guard that defuses them in <see cref="Out"/>.</summary>
    public TextWriter Commands { get; init; } = Out;
}

/// <summary>
/// What the process gives a command besides its arguments: the environment variables (the GitHub
/// Actions ones decide the job summary, outputs, annotations and the PR comment; <c>CI</c> hides the
/// progress bar; <c>SOURCE_DATE_EPOCH</c> fixes the time stamped on outputs), the clock, and how to wait
/// between retries. Tests pass their own, so nothing depends on the machine running them, and no test
/// has to change the process environment.
/// </summary>
public sealed record MpgHost(Func<string, string?> Environment, Func<TimeSpan, CancellationToken, Task> Delay)
{
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public static MpgHost Process { get; } = new(System.Environment.GetEnvironmentVariable, Task.Delay);

    /// <summary>No environment variables at all, real waits.</summary>
    public static MpgHost Isolated { get; } = new(_ => null, Task.Delay);
}
