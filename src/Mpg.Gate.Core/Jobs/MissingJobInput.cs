using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Jobs;

// A job lacks something the user can give it besides the policy. The messages state the fact in the policy's
// terms; each front end adds how its users give the missing piece (the CLI names its flags).

/// <summary>The gate has no baseline: the policy names none and the caller gave none.</summary>
public sealed class NoBaselineException(string policyFile)
    : PolicyException(SourceSpan.None(policyFile), "no baseline: set 'baseline:' in the policy");

/// <summary>Nothing to score: the policy lists no inputs and the caller gave none.</summary>
public sealed class NoInputsException(string policyFile)
    : PolicyException(SourceSpan.None(policyFile), "no inputs: add an 'inputs:' list to the policy");

/// <summary>The inputs hold several models and the caller picked none.</summary>
public sealed class SeveralModelsException(string file, IReadOnlyList<string> models)
    : InputException(file, $"the inputs hold {models.Count} models ({string.Join(", ", models)})")
{
    public IReadOnlyList<string> Models { get; } = models;
}
