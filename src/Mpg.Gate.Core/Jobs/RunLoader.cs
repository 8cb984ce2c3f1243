using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Jobs;

/// <summary>From a policy (and input paths that replace its <c>inputs</c>) to the one run to score.</summary>
public static class RunLoader
{
    /// <param name="overrides">Paths or globs from the command line, relative to <paramref name="workingDirectory"/>; empty to use the policy's.</param>
    /// <param name="model">The model to score where the inputs hold several (<c>--model</c>).</param>
    /// <exception cref="PolicyException">No inputs at all.</exception>
    /// <exception cref="InputException">A file is missing, malformed or of no known format, or (<see cref="SeveralModelsException"/>) the inputs hold several models and none was picked.</exception>
    /// <param name="progress">Told the bytes read from the input files as reading goes.</param>
    public static EvalRun Load(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory, string? model = null, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var runs = LoadAll(policy, overrides, workingDirectory, progress);
        var firstFile = runs.SelectMany(r => r.Files).FirstOrDefault() ?? policy.File;
        if (runs.Count == 0)
        {
            throw new InputException(firstFile, "no eval results found in the inputs");
        }

        if (model is not null)
        {
            return runs.FirstOrDefault(r => r.Model == model)
                ?? throw new InputException(
                    firstFile,
                    $"no model \"{model}\" in the inputs; they hold: {string.Join(", ", runs.Select(r => r.Model))}"
                    + (DidYouMean.Closest(model, runs.Select(r => r.Model).ToList()) is { } close ? $" (did you mean \"{close}\"?)" : ""));
        }

        if (runs.Count > 1)
        {
            throw new SeveralModelsException(firstFile, runs.Select(r => r.Model).ToList());
        }

        return runs[0];
    }

    /// <summary>Every model's run in the inputs, ordered by model name; runs of one model from several inputs are merged.</summary>
    public static IReadOnlyList<EvalRun> LoadAll(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(overrides);
        var runs = new List<EvalRun>();
        foreach (var (input, files) in Resolve(policy, overrides, workingDirectory))
        {
            runs.AddRange(Read(input, files, progress));
        }

        return runs.GroupBy(r => r.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Merge(g.ToList()))
            .ToList();
    }

    public static IReadOnlyList<string> ResolveFiles(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory) =>
        Resolve(policy, overrides, workingDirectory).SelectMany(i => i.Files).Distinct(StringComparer.Ordinal).ToList();

    private static List<(InputSpec Input, IReadOnlyList<string> Files)> Resolve(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count > 0)
        {
            return [(new InputSpec(string.Join(" ", overrides), InputFormat.Auto, SourceSpan.None(policy.File)), InputResolver.Resolve(overrides, workingDirectory))];
        }

        if (policy.Inputs.Count == 0)
        {
            throw new NoInputsException(policy.File);
        }

        return policy.Inputs.Select(i => (i, InputResolver.Resolve([i.Path], policy.Directory))).ToList();
    }

    /// <summary>One input's files, each read by its named format or the format its content shows.</summary>
    private static IEnumerable<EvalRun> Read(InputSpec input, IReadOnlyList<string> files, IProgress<long>? progress)
    {
        var options = new ReadOptions(input.Benchmark, input.Model, input.Scorer, input.Partial ?? 0.5, input.Errors == ErrorsMode.Exclude, progress, input.ClusterBy);

        // Every format but auto has its reader (a test holds EvalFormats.All to InputFormat).
        var named = input.Format == InputFormat.Auto ? null : EvalFormats.All.Single(r => r.Format == input.Format);
        var byReader = files.GroupBy(f => named ?? EvalFormats.Detect(f)).ToList();
        var runs = byReader.SelectMany(g => g.Key.Read(g.ToList(), options)).ToList();
        if (input.Model is { } model)
        {
            var kept = runs.Where(r => r.Model == model).ToList();
            if (kept.Count == 0 && runs.Count > 0)
            {
                throw new InputException(files[0], $"input '{input.Path}' keeps model \"{model}\", but its files hold: {string.Join(", ", runs.Select(r => r.Model).Distinct())}");
            }

            return kept;
        }

        return runs;
    }

    private static EvalRun Merge(List<EvalRun> runs)
    {
        if (runs.Count == 1)
        {
            return runs[0];
        }

        var benchmarks = new List<BenchmarkResult>();
        foreach (var benchmark in runs.SelectMany(r => r.Benchmarks))
        {
            if (benchmarks.FirstOrDefault(b => b.Name == benchmark.Name) is { } other)
            {
                throw new InputException(benchmark.File, $"benchmark '{benchmark.Name}' of model \"{runs[0].Model}\" is also in {other.File}; keep one, or rename one with 'benchmark:' on its input");
            }

            benchmarks.Add(benchmark);
        }

        var timings = runs.Select(r => r.Timing).ToList();
        var timing = timings.All(t => t is not null)
            ? new RunTiming(timings.Sum(t => t!.WallSeconds), timings.Sum(t => t!.Items),
                timings.All(t => t!.Cost is not null) ? timings.Sum(t => t!.Cost) : null,
                timings.All(t => t!.Tokens is not null) ? timings.Sum(t => t!.Tokens) : null)
            : null;
        return new EvalRun(runs[0].Model, benchmarks, timing, runs.SelectMany(r => r.Files).Distinct(StringComparer.Ordinal).ToList())
        {
            Notes = runs.SelectMany(r => r.Notes).ToList(),
        };
    }
}
