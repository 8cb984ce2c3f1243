using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Ingest.LmEval;

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
        var reads = new List<Func<IEnumerable<EvalRun>>>();

        // lm-eval writes one run as several files (results_<ts>.json beside samples_<task>_<ts>.jsonl) that a policy
        // may list as separate inputs or one glob: the harness's files of all inputs with the same options are read
        // together, so that listing the files, a glob and a folder give the same run.
        var harness = new Dictionary<(string? Model, string? ClusterBy), (InputSpec First, List<string> Files)>();
        foreach (var (input, files) in Resolve(policy, overrides, workingDirectory))
        {
            // Every format but auto has its reader (a test holds EvalFormats.All to InputFormat).
            var named = input.Format == InputFormat.Auto ? null : EvalFormats.All.Single(r => r.Format == input.Format);
            foreach (var group in files.GroupBy(f => named ?? EvalFormats.Detect(f)))
            {
                if (group.Key is LmEvalFormat)
                {
                    var key = (input.Model, input.ClusterBy);
                    if (!harness.TryGetValue(key, out var bucket))
                    {
                        harness[key] = bucket = (input, []);
                    }

                    bucket.Files.AddRange(group);
                    continue;
                }

                var (reader, these, spec) = (group.Key, group.ToList(), input);
                reads.Add(() => Keep(spec, these, reader.Read(these, Options(policy, spec, progress))));
            }
        }

        foreach (var (first, files) in harness.Values)
        {
            var distinct = files.Distinct(StringComparer.Ordinal).ToList();
            reads.Add(() => Keep(first, distinct, LmEvalFormat.Instance.Read(distinct, Options(policy, first, progress))));
        }

        // Each reader's files on their own core, the runs gathered in the order above.
        var runs = Parallelism.InOrder(reads, read => read().ToList()).SelectMany(r => r);
        return runs.GroupBy(r => r.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Merge(g.ToList()))
            .ToList();
    }

    /// <summary>
    /// Every run in the inputs, ordered by model then run time, with a rerun of a model (lm-evaluation-harness files of
    /// another timestamp) kept apart instead of merged: ranking shows how far a rerun moves a model. A model's files
    /// without a timestamp in their names join its one timestamped run, or stand alone where it has several.
    /// </summary>
    public static IReadOnlyList<(EvalRun Run, string? RunTime)> LoadEach(GatePolicy policy, IReadOnlyList<string> overrides, string workingDirectory, IProgress<long>? progress = null)
    {
        // Each run's files (one model's timestamp) are read on their own core, gathered in the sequential order.
        var parts = Resolve(policy, overrides, workingDirectory)
            .SelectMany(i => i.Files.GroupBy(RunStamp).OrderBy(g => g.Key, StringComparer.Ordinal).Select(part => (i.Input, Stamp: part.Key, Files: part.ToList())))
            .ToList();
        var read = Parallelism.InOrder(parts, p => Read(policy, p.Input, p.Files, progress).Select(r => (Run: r, p.Stamp)).ToList()).SelectMany(r => r).ToList();

        var entries = new List<(EvalRun Run, string? RunTime)>();
        foreach (var model in read.GroupBy(r => r.Run.Model, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var stamps = model.Select(r => r.Stamp).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var byStamp = stamps.Count <= 1
                ? [.. model.GroupBy(_ => stamps.FirstOrDefault())]
                : model.GroupBy(r => r.Stamp).ToList();
            entries.AddRange(byStamp.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (Merge(g.Select(r => r.Run).ToList()), g.Key)));
        }

        return entries;
    }

    /// <summary>The harness's timestamp in a results or samples file name, e.g. <c>2025-03-03T02-29-42.286969</c>; null for other files.</summary>
    private static string? RunStamp(string file) =>
        LmEvalFileName.ResultsTimestamp(file) ?? LmEvalFileName.Samples(file)?.Timestamp;

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

    private static ReadOptions Options(GatePolicy policy, InputSpec input, IProgress<long>? progress) =>
        new(input.Benchmark, input.Model, input.Scorer, input.Partial ?? 0.5, input.Errors == ErrorsMode.Exclude, progress, input.ClusterBy, input.Value, policy.Report.ExcerptChars);

    /// <summary>One input's files of one run as its readers give them (the files of one lm-eval timestamp read together).</summary>
    private static IEnumerable<EvalRun> Read(GatePolicy policy, InputSpec input, IReadOnlyList<string> files, IProgress<long>? progress)
    {
        // Every format but auto has its reader (a test holds EvalFormats.All to InputFormat).
        var named = input.Format == InputFormat.Auto ? null : EvalFormats.All.Single(r => r.Format == input.Format);
        var runs = files.GroupBy(f => named ?? EvalFormats.Detect(f)).SelectMany(g => g.Key.Read([.. g], Options(policy, input, progress))).ToList();
        return Keep(input, files, runs);
    }

    /// <summary>The runs of an input's <c>model:</c>, where it names one.</summary>
    private static IEnumerable<EvalRun> Keep(InputSpec input, IReadOnlyList<string> files, IReadOnlyList<EvalRun> runs)
    {
        if (input.Model is not { } model)
        {
            return runs;
        }

        var kept = runs.Where(r => r.Model == model).ToList();
        if (kept.Count == 0 && runs.Count > 0)
        {
            throw new InputException(files[0], $"input '{input.Path}' keeps model \"{model}\", but its files hold: {string.Join(", ", runs.Select(r => r.Model).Distinct())}");
        }

        return kept;
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
