namespace Mpg.Gate.Cli;

/// <summary>Options that cannot work together or name nothing usable. Exits 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>The usage error of a count option given below <paramref name="least"/> (an option not given passes).</summary>
    public static void ThrowIfBelow(string option, int? value, int least)
    {
        if (value < least)
        {
            throw new UsageException($"{option} must be at least {least}, got {value}");
        }
    }
}
