using Mpg.Gate.Policy;

namespace Mpg.Gate.Cli;

/// <summary>The policy a command names (<c>-p</c>), and the command line's overrides of its draws.</summary>
internal sealed record PolicyChoice(string? Path, int? Seed = null, int? Samples = null);

/// <summary>Finds the policy a command runs under, and applies the command line's overrides.</summary>
internal static class PolicySource
{
    /// <summary>
    /// The named policy, or ./mpg.yml. With no policy file at all but inputs on the command line, the
    /// defaults apply (every task of the inputs as a leaf of an equal-weight tree).
    /// </summary>
    public static GatePolicy Load(PolicyChoice choice, bool haveInputs, string workingDirectory)
    {
        var (path, seed, samples) = choice;
        var file = Path.GetFullPath(path ?? CommonOptions.DefaultPolicy, workingDirectory);
        GatePolicy policy;
        if (path is null && haveInputs && !File.Exists(file))
        {
            policy = PolicyLoader.Parse("version: 1\n", file);
        }
        else
        {
            policy = PolicyLoader.Load(file);
        }

        UsageException.ThrowIfBelow("--samples", samples, 100);

        return policy with { Seed = seed ?? policy.Seed, Samples = samples ?? policy.Samples };
    }
}
