using System.Globalization;

namespace Mpg.Gate.Policy;

/// <summary>
/// Reads numbers and booleans from YAML scalars with the invariant culture, so a policy means
/// the same on every runner whatever its locale.
/// </summary>
internal static class ScalarParser
{
    public static bool TryInt(string text, out int value) =>
        // YAML allows 20_000 for readability; the sample policy uses it.
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && text.Length > 0 && text[0] != '_';

    public static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
