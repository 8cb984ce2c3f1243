using System.Text.Json;

namespace Mpg.Gate.Ingest;

/// <summary>System.Text.Json's error message without its trailing position details, which our messages state themselves.</summary>
internal static class JsonErrorText
{
    public static string Of(JsonException e)
    {
        // A deserializer's message names our own types ("could not be converted to System.Collections...");
        // the user needs the place in their file instead.
        var message = e.Message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal)
            ? $"the value at {e.Path ?? "$"} has the wrong type"
            : e.Message;
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
