namespace Mpg.Gate.Policy;

/// <summary>A policy the user must fix: syntax, unknown key, wrong type, unknown benchmark. The CLI exits 2.</summary>
public class PolicyException : Exception
{
    public PolicyException(SourceSpan span, string message, string? suggestion = null)
        : base(message)
    {
        Span = span;
        Suggestion = suggestion;
    }

    public SourceSpan Span { get; }

    /// <summary>A did-you-mean, where one is close enough to be useful.</summary>
    public string? Suggestion { get; }
}
