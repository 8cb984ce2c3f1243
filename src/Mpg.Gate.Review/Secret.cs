namespace Mpg.Gate.Review;

/// <summary>Keeps the token out of every message that could reach a log.</summary>
public static class Secret
{
    public const string Mask = "***";

    public static string Redact(string text, string? token) =>
        string.IsNullOrEmpty(token) ? text : text.Replace(token, Mask, StringComparison.Ordinal);
}
