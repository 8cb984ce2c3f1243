using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>System.Text.Json's error message without its trailing position details, which our messages state themselves.</summary>
internal static class JsonErrorText
{
    public static string Of(JsonException e)
    {
        var message = e.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd(' ', '.', '|');
    }
}
