using System.Text;

namespace Mpg.Gate;

/// <summary>Text rewritten character by character through a markup's escape table (Markdown, HTML): the one loop both use.</summary>
internal static class CharEscape
{
    /// <param name="escape">What a character becomes, or null where it stays as it is.</param>
    public static string Apply(string text, Func<char, string?> escape)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (escape(text[i]) is { } replaced)
            {
                sb ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                sb.Append(replaced);
            }
            else
            {
                sb?.Append(text[i]);
            }
        }

        return sb?.ToString() ?? text;
    }
}
