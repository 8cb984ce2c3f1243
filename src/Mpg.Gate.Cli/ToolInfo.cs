using System.Globalization;
using System.Reflection;

namespace Mpg.Gate.Cli;

/// <summary>The tool's version and the time documents are stamped with.</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Now, unless SOURCE_DATE_EPOCH fixes it (reproducible builds convention), so outputs can be byte-identical.</summary>
    public static DateTimeOffset Now() => Now(Environment.GetEnvironmentVariable);

    /// <summary>Now, or <c>SOURCE_DATE_EPOCH</c> as the given environment holds it.</summary>
    public static DateTimeOffset Now(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var epoch = environment("SOURCE_DATE_EPOCH");
        return long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;
    }
}
