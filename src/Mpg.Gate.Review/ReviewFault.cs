namespace Mpg.Gate.Review;

/// <summary>What went wrong talking to a code host (GitHub, GitLab, Azure DevOps), in the terms that decide whether to try again.</summary>
public enum FaultKind
{
    /// <summary>401: the token was refused.</summary>
    Unauthorized,

    /// <summary>403 that is not a rate limit: the token may not write here (typically a fork PR's read-only token).</summary>
    Forbidden,

    /// <summary>404: no such repository or pull request, or the token cannot see it.</summary>
    NotFound,

    /// <summary>400 or 422: the host refused the request's content.</summary>
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
/// A failed request to a code host. The message never holds the token: it is built from the status and
/// the host's own error text, and <see cref="Secret.Redact"/> is applied to the latter anyway.
/// </summary>
public sealed class ReviewFault : Exception
{
    public ReviewFault(FaultKind kind, int? status, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Kind = kind;
        Status = status;
        RetryAfter = retryAfter;
    }

    public ReviewFault()
    {
    }

    public ReviewFault(string message)
        : base(message)
    {
    }

    public ReviewFault(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FaultKind Kind { get; } = FaultKind.Other;

    public int? Status { get; }

    /// <summary>How long the host asked us to wait (Retry-After, or until x-ratelimit-reset), where it said.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient => Kind is FaultKind.RateLimited or FaultKind.ServerError or FaultKind.Timeout or FaultKind.Unreachable;
}
