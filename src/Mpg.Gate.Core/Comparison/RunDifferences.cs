using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Comparison;

/// <summary>
/// What the two runs did not do alike, read from what each recorded (<see cref="RunSettings"/>): per leaf, every setting
/// both sides record with different values, and the model. A <c>measurement</c> difference (another dataset, item set,
/// scorer, task version or repeats, or a setting <c>gate.fixed</c> names) makes Δ meaningless: it fails closed (exit 3)
/// unless <c>gate.comparability: warn</c>. A <c>setup</c> difference (model, prompt, n-shot, generation settings,
/// tool version) is what a change is allowed to change; it is listed for the reviewer.
/// </summary>
public static class RunDifferences
{
    public static IReadOnlyList<Difference> Between(GatePolicy policy, PolicyNode tree, Scorecard baseline, Scorecard candidate)
    {
        if (policy.Gate.Comparability == Comparability.Ignore)
        {
            return [];
        }

        var differences = new List<Difference>();
        if (baseline.Model != candidate.Model)
        {
            differences.Add(new Difference(null, RunSettings.Model, baseline.Model, candidate.Model, KindOf(policy, RunSettings.Model)));
        }

        var compared = new List<string>();
        var perLeaf = new List<Difference>();
        foreach (var leaf in tree.Leaves())
        {
            if (baseline.Find(leaf.Id)?.Settings is not { } before || candidate.Find(leaf.Id)?.Settings is not { } after)
            {
                continue;
            }

            compared.Add(leaf.Id);
            foreach (var (setting, value) in before)
            {
                if (after.TryGetValue(setting, out var other) && other != value)
                {
                    perLeaf.Add(new Difference(leaf.Id, setting, value, other, KindOf(policy, setting)));
                }
            }
        }

        // One row for a change every compared leaf shares (a tool version, a global n-shot), not one per leaf.
        foreach (var same in perLeaf.GroupBy(d => (d.Setting, d.Baseline, d.Candidate)))
        {
            differences.AddRange(same.Count() > 1 && same.Count() == compared.Count ? [same.First() with { Benchmark = null }] : same);
        }

        if (policy.Gate.Comparability == Comparability.Fail && differences.FirstOrDefault(d => d.Kind == DifferenceKind.Measurement) is { } first)
        {
            var file = candidate.Find(first.Benchmark ?? string.Empty)?.File ?? candidate.Inputs.FirstOrDefault() ?? policy.File;
            var baseFile = baseline.Find(first.Benchmark ?? string.Empty)?.File ?? "the baseline";
            throw new InputException(
                file,
                $"{(first.Benchmark is null ? "the runs" : $"benchmark '{first.Benchmark}'")} was not run alike: {first.Setting} is '{Short(first.Baseline)}' in the baseline ({baseFile}) and '{Short(first.Candidate)}' in the candidate ({file}); "
                + "comparing them would not measure the change. Rerun alike, or set gate.comparability: warn to compare anyway");
        }

        return differences;
    }

    private static DifferenceKind KindOf(GatePolicy policy, string setting) =>
        RunSettings.Measurement.Contains(setting) || policy.Gate.Fixed.Contains(setting) ? DifferenceKind.Measurement : DifferenceKind.Setup;

    /// <summary>Long values (prompts, configs) cut for a one-line message; the verdict JSON keeps them whole.</summary>
    internal static string Short(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "…");
}
