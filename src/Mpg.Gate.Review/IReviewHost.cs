namespace Mpg.Gate.Review;

/// <summary>Our report as the host holds it: its id (a comment, note or thread), the id of its text where that differs, and the text.</summary>
public sealed record PostedReport(long Id, string Body)
{
    /// <summary>Azure DevOps: the thread's first comment, which holds the text; elsewhere the report itself.</summary>
    public long TextId { get; init; } = Id;
}

/// <summary>Whether the review should hold the change up: a thread is left open on a failing gate and resolved on a passing one, where the host has threads.</summary>
public enum ReviewState
{
    /// <summary>The gate failed: the thread stays open (Azure DevOps: "active"), so a "resolve comments" policy blocks the merge.</summary>
    Open,

    /// <summary>The gate passed, or was inconclusive under a policy that lets it through.</summary>
    Resolved,
}

/// <summary>
/// Where the review lives: the pull or merge request of one code host, as far as a sticky report cares.
/// Ours, so the sticky logic knows no HTTP client; failures are <see cref="ReviewFault"/>s whose messages
/// never hold the token.
/// </summary>
public interface IReviewHost
{
    /// <summary>How the host is named in messages: "GitHub", "GitLab", "Azure DevOps".</summary>
    string Name { get; }

    /// <summary>What the report is on this host, for messages: "PR comment", "merge request note", "pull request thread".</summary>
    string Kind { get; }

    /// <summary>The longest body the host accepts, in characters.</summary>
    int MaxBodyLength { get; }

    /// <summary>The pull or merge request, for messages ("octo/evals#7").</summary>
    string Where { get; }

    /// <summary>The body as the host will hold it (Azure DevOps writes the marker as a Markdown comment line); the sticky report compares and cuts this.</summary>
    string Shape(string body, string gateName);

    /// <summary>Our report for this gate, where there is one: the marker in its body, written by us.</summary>
    Task<PostedReport?> FindOwnAsync(string gateName, CancellationToken cancellation);

    Task<PostedReport> CreateAsync(string gateName, string body, ReviewState state, CancellationToken cancellation);

    Task UpdateAsync(PostedReport report, string body, ReviewState state, CancellationToken cancellation);

    /// <summary>What to do about a refusal, in the host's terms (the permission to grant), appended to the warning.</summary>
    FaultHints Hints { get; }
}

/// <summary>A host's advice for each refusal it can explain, each starting " — "; <see cref="For"/> gives the one for a fault, empty where nothing helps.</summary>
public sealed record FaultHints(string Forbidden, string Unauthorized, string NotFound, string Invalid)
{
    public string For(FaultKind kind) => kind switch
    {
        FaultKind.Forbidden => Forbidden,
        FaultKind.Unauthorized => Unauthorized,
        FaultKind.NotFound => NotFound,
        FaultKind.Invalid => Invalid,
        _ => string.Empty,
    };
}
