using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Runs;

/// <summary>From a policy (and input paths that replace its <c>inputs</c>) to the one run to score.</summary>
public static class RunLoader
{
    /// <param name="overrides">Paths or globs from the command line, relative to <paramref name="workingDirectory"/>; empty to use the policy's.</param>
    /// <exception cref="PolicyException">No inputs at all, or an input format this version cannot read.</exception>
    /// <exception cref="InputException">A file is missing or malformed, or the inputs hold several models.</exception>
    public static EvalRun Load(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory)
    {
        var files = ResolveFiles(policy, overrides, workingDirectory);
        var runs = LmEvalReader.ReadRuns(files);
        if (runs.Count == 0)
        {
            throw new InputException(files[0], "no lm-evaluation-harness results or samples found in the inputs");
        }

        if (runs.Count > 1)
        {
            throw new InputException(
                files[0],
                $"the inputs hold {runs.Count} models ({string.Join(", ", runs.Select(r => r.Model))}); give the files of one model with -i");
        }

        return runs[0];
    }

    public static IReadOnlyList<string> ResolveFiles(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory)
    {
        if (overrides.Count > 0)
        {
            return InputResolver.Resolve(overrides, workingDirectory);
        }

        if (policy.Inputs.Count == 0)
        {
            throw new PolicyException(SourceSpan.None(policy.File), "no inputs: add an 'inputs:' list to the policy or give files with -i");
        }

        foreach (var input in policy.Inputs.Where(i => i.Format is not ("auto" or "lm-eval")))
        {
            throw new PolicyException(input.Span, $"input format '{input.Format}' is not supported yet; this version reads lm-eval (auto-detected)");
        }

        return InputResolver.Resolve(policy.Inputs.Select(i => i.Path), policy.Directory);
    }
}
