using System.Globalization;

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

    /// <summary>The failure (or, where <see cref="RequestNumber.Skip"/>, the skip) a request number that could not be resolved is.</summary>
    public static ResolvedReview<T> From<T>(RequestNumber number)
        where T : class => new(null, null, number.Problem, number.Skip);
}

/// <summary>A pull or merge request's number, or why there is none (<see cref="Skip"/>: rightly none, the variable is unset).</summary>
public sealed record RequestNumber(int Value, string? Problem, bool Skip)
{
    /// <summary>The option, else the CI's <paramref name="variable"/>: a positive number.</summary>
    /// <param name="noun">What the host calls it ("pull request", "merge request").</param>
    /// <param name="unset">Why there is nothing to post where the variable is unset.</param>
    public static RequestNumber Resolve(int? option, Func<string, string?> environment, string variable, string noun, string unset)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int id;
        if (option is { } given)
        {
            id = given;
        }
        else if (Env.Value(environment, variable) is not { } text)
        {
            return new(0, unset, true);
        }
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return new(0, $"{variable} '{text}' is not a number", false);
        }

        return id > 0 ? new(id, null, false) : new(0, $"{noun} number {id.ToString(CultureInfo.InvariantCulture)} is not positive", false);
    }
}

internal static class Env
{
    public static string? Value(Func<string, string?> environment, string name) => Blank(environment(name));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The host's API address: the option, else <paramref name="variable"/>, as an absolute http(s) address with the
    /// trailing slash that relative API paths need; or why there is none (<paramref name="missing"/>, or that
    /// <paramref name="what"/> is not such an address).
    /// </summary>
    public static (Uri? Address, string? Problem) Address(string? option, Func<string, string?> environment, string variable, string missing, string what)
    {
        var text = Blank(option) ?? Value(environment, variable);
        if (text is null)
        {
            return (null, missing);
        }

        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? (uri, null)
            : (null, $"{what} '{text}' is not an http(s) address");
    }
}
