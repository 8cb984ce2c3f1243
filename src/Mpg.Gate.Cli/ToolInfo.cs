using System.Globalization;
using System.Reflection;

namespace Mpg.Gate.Cli;

/// <summary>The tool's version and the time documents are stamped with.</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The host's now, unless its SOURCE_DATE_EPOCH fixes it (reproducible builds convention), so outputs can be byte-identical.</summary>
    public static DateTimeOffset Now(MpgHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var epoch = host.Environment("SOURCE_DATE_EPOCH");
        return long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : host.Clock();
    }
}
