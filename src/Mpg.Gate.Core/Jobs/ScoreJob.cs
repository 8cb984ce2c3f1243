using System.Security.Cryptography;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Jobs;

/// <summary><c>mpg score</c> without the console: read the inputs, check the policy against them, score.</summary>
public static class ScoreJob
{
    /// <param name="model">The model to score where the inputs hold several (<c>--model</c>).</param>
    /// <param name="notify">Told what the readers want the user to know (a cancelled log, errored items).</param>
    public static Scorecard Run(GatePolicy policy, IReadOnlyList<string> inputOverrides, string workingDirectory, string toolVersion, DateTimeOffset now,
        string? model = null, Action<string>? notify = null, IProgress<long>? progress = null)
    {
        var run = RunLoader.Load(policy, inputOverrides, workingDirectory, model, progress);
        foreach (var note in run.Notes)
        {
            notify?.Invoke(note);
        }

        if (policy.Goodness is not null)
        {
            PolicyValidator.CheckBenchmarks(policy, run.Benchmarks.Select(b => b.Name).ToList());
        }
        else
        {
            // Without a tree in the policy, rule nodes can only be checked against the flat tree of the inputs.
            PolicyValidator.CheckRuleNodes(policy.Gate.Rules, Scorer.TreeFor(policy, run).DescendantsAndSelf().Select(n => n.Id));
        }

        return Scorer.Score(policy, run, new ScoreContext(toolVersion, now, PolicyHash(policy.File), policy.Directory));
    }

    /// <summary>SHA-256 of the policy file's bytes: a baseline scored under another policy shows a different hash.</summary>
    public static string PolicyHash(string policyFile)
    {
        var bytes = File.Exists(policyFile) ? File.ReadAllBytes(policyFile) : [];
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
