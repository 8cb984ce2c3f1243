using System.Globalization;
using System.Text;

namespace Mpg.Gate.Review;

/// <summary>
/// Each code host refuses bodies over its limit (GitHub 65,536 characters, GitLab 1,000,000, Azure DevOps
/// 150,000). A longer report is cut at a line boundary, its open code fences and <c>&lt;details&gt;</c>
/// closed, and a note says so and points to the full report; the hidden marker on the first line
/// survives, so the report stays sticky.
/// </summary>
public static class BodyLimit
{
    public const int GitHubMaxLength = 65_536;

    public const int GitLabMaxLength = 1_000_000;

    public const int AzureDevOpsMaxLength = 150_000;

    public static string Fit(string body, int maxLength = GitHubMaxLength, string host = "GitHub", string? fullReport = null)
    {
        if (body.Length <= maxLength)
        {
            return body;
        }

        var where = fullReport is null ? "the job summary and the report file hold all of it" : $"the full report: {fullReport}";
        var note = "\n\n> ✂️ This report was cut to fit " + host + "'s limit of " + maxLength.ToString("N0", CultureInfo.InvariantCulture) +
            " characters per comment (it has " + body.Length.ToString("N0", CultureInfo.InvariantCulture) +
            "); " + where + ".\n";
        var budget = maxLength - note.Length;
        while (budget > 0)
        {
            var cut = body.LastIndexOf('\n', Math.Min(budget, body.Length - 1));
            var kept = cut <= 0 ? string.Empty : body[..cut];
            var closed = kept + Closers(kept);
            if (closed.Length + note.Length <= maxLength)
            {
                return closed + note;
            }

            budget = cut - 1;
        }

        return note.Trim();
    }

    private static string Closers(string kept)
    {
        var sb = new StringBuilder();
        var fences = 0;
        var details = 0;
        foreach (var line in kept.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                fences++;
            }
            else if (fences % 2 == 0)
            {
                details += Count(trimmed, "<details") - Count(trimmed, "</details>");
            }
        }

        if (fences % 2 == 1)
        {
            sb.Append("\n```");
        }

        for (var i = 0; i < details; i++)
        {
            sb.Append("\n\n</details>");
        }

        return sb.ToString();
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
