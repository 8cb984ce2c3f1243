namespace Mpg.Gate.Cli;

/// <summary>Where a command writes (results to Out, diagnostics to Error) and the folder relative paths start from.</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error, string WorkingDirectory);
