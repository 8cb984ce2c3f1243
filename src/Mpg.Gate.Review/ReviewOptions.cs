namespace Mpg.Gate.Review;

/// <summary>What the command line says about where the review lives, over what the CI environment says.</summary>
/// <param name="Project">GitHub OWNER/NAME, GitLab project id or path (--repo).</param>
/// <param name="Request">The pull or merge request number (--pr).</param>
/// <param name="ApiUrl">The host's API address (--api-url).</param>
/// <param name="TokenVariable">The environment variable holding the token (--token-env); each host has its default.</param>
/// <param name="ApiVersion">Azure DevOps REST api-version (--api-version, default 7.1).</param>
public sealed record ReviewOptions(string? Project, int? Request, string? ApiUrl, string? TokenVariable, string? ApiVersion = null)
{
    public static ReviewOptions None { get; } = new(null, null, null, null);
}

/// <summary>The review to post to and the token, or why there is none.</summary>
/// <param name="NotApplicable">True where there is rightly nothing to post (no pull request, a fork's read-only run): nothing failed.</param>
public sealed record ResolvedReview<T>(T? Target, string? Token, string? Problem, bool NotApplicable)
    where T : class;

public static class ResolvedReview
{
    public static ResolvedReview<T> Failed<T>(string why)
        where T : class => new(null, null, why, false);

    public static ResolvedReview<T> Skipped<T>(string why)
        where T : class => new(null, null, why, true);
}

internal static class Env
{
    public static string? Value(Func<string, string?> environment, string name) => Blank(environment(name));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
