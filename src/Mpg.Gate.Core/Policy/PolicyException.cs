namespace Mpg.Gate.Policy;

/// <summary>A policy the user must fix: syntax, unknown key, wrong type, unknown benchmark. The CLI exits 2.</summary>
public class PolicyException(SourceSpan span, string message, string? suggestion = null) : Exception(message)
{
    public SourceSpan Span { get; } = span;

    /// <summary>A did-you-mean, where one is close enough to be useful.</summary>
    public string? Suggestion { get; } = suggestion;
}
