namespace Mpg.Gate.Cli;

/// <summary>Options that cannot work together or name nothing usable. Exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);
