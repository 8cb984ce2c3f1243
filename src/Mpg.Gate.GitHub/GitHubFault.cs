namespace Mpg.Gate.GitHub;

/// <summary>What went wrong talking to GitHub, in the terms that decide whether to try again.</summary>
public enum FaultKind
{
    /// <summary>401: the token was refused.</summary>
    Unauthorized,

    /// <summary>403 that is not a rate limit: the token may not write here (typically a fork PR's read-only token).</summary>
    Forbidden,

    /// <summary>404: no such repository or pull request, or the token cannot see it.</summary>
    NotFound,

    /// <summary>422: GitHub refused the request's content.</summary>
    Invalid,

    /// <summary>429, or a 403 for the primary or secondary rate limit.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The server could not be reached.</summary>
    Unreachable,

    /// <summary>Any other status.</summary>
    Other,
}

/// <summary>
/// A failed GitHub request. The message never holds the token: it is built from the status and
/// GitHub's own error text, and <see cref="Secret.Redact"/> is applied to the latter anyway.
/// </summary>
public sealed class GitHubFault : Exception
{
    public GitHubFault(FaultKind kind, int? status, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Kind = kind;
        Status = status;
        RetryAfter = retryAfter;
    }

    public GitHubFault()
    {
    }

    public GitHubFault(string message)
        : base(message)
    {
    }

    public GitHubFault(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FaultKind Kind { get; } = FaultKind.Other;

    public int? Status { get; }

    /// <summary>How long GitHub asked us to wait (Retry-After, or until x-ratelimit-reset), where it said.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient => Kind is FaultKind.RateLimited or FaultKind.ServerError or FaultKind.Timeout or FaultKind.Unreachable;
}
