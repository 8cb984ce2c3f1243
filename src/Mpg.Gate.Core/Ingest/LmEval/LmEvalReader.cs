namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// Reads lm-evaluation-harness outputs (v0.4.x <c>results_*.json</c> and <c>samples_&lt;task&gt;_*.jsonl</c>, legacy v0.3
/// results JSON) into <see cref="EvalRun"/>s. Anything missing, unreadable or malformed throws <see cref="InputException"/>.
/// </summary>
public static class LmEvalReader
{
    /// <summary>Reads the files of one model's run, in any mix of results and samples files.</summary>
    public static EvalRun Read(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (results, samples) = Split(files);
        var loaded = results.Select(ResultsFile.Load).ToList();

        var models = loaded.Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        if (models.Count > 1)
        {
            var other = loaded.First(r => r.Model == models[1]);
            throw new InputException(other.Path, $"holds model \"{models[1]}\" but other files hold \"{models[0]}\" (read several models with ReadRuns)");
        }

        var notes = new List<string>();
        var model = models.Count == 1 ? models[0] : ModelOfSamples(samples[0], loaded, notes);
        return RunBuilder.Build(model, files, loaded, samples) with { Notes = notes };
    }

    /// <summary>Groups files by model (samples files go with the results file beside them) and reads each run, ordered by model name.</summary>
    /// <param name="progress">Told the bytes read, file by file for results files and as they stream for samples files.</param>
    /// <param name="clusterBy">A field of each samples line (a dotted path such as <c>doc.subject</c>) that groups items into clusters.</param>
    /// <param name="excerptChars">Characters of each item's question, target and answer to keep (0: none).</param>
    public static IReadOnlyList<EvalRun> ReadRuns(IReadOnlyList<string> files, IProgress<long>? progress = null, string? clusterBy = null, int excerptChars = ItemExcerpt.DefaultChars)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (results, samples) = Split(files);
        var loaded = results.Select(path =>
        {
            var file = ResultsFile.Load(path);
            progress?.Report(new FileInfo(path).Length);
            return file;
        }).ToList();

        var runs = new SortedDictionary<string, (List<ResultsFile> Results, List<string> Samples)>(StringComparer.Ordinal);
        foreach (var file in loaded)
        {
            RunOf(runs, file.Model).Results.Add(file);
        }

        var notes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in samples)
        {
            var said = new List<string>();
            var model = ModelOfSamples(path, loaded, said);
            RunOf(runs, model).Samples.Add(path);
            if (said.Count > 0)
            {
                notes.TryAdd(model, []);
                notes[model].AddRange(said);
            }
        }

        return runs.Select(run => RunBuilder.Build(run.Key, Given(files, run.Value), run.Value.Results, run.Value.Samples, progress, clusterBy, excerptChars)
                with
        { Notes = notes.TryGetValue(run.Key, out var said) ? said : [] })
            .ToList();
    }

    private static (List<string> Results, List<string> Samples) Split(IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            throw new InputException("", "no input files given");
        }

        // Sorted, so that among several files of one run the later timestamp comes last and wins (see RunBuilder).
        var sorted = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var file in sorted.Where(f => !File.Exists(f)))
        {
            throw new InputException(file, Directory.Exists(file) ? "is a directory, not a file" : "file not found");
        }

        return (sorted.Where(f => !LmEvalFileName.IsSamples(f)).ToList(), sorted.Where(LmEvalFileName.IsSamples).ToList());
    }

    /// <summary>
    /// A samples file has no model name in it; it belongs to the results file of the same run: same folder and,
    /// preferably, same timestamp, whether or not that file was given (a policy may name the samples alone). Only
    /// without one does the folder name (the harness's model_name_sanitized, or whatever CI named the artifact) name
    /// it, and <paramref name="notes"/> says so.
    /// </summary>
    private static string ModelOfSamples(string path, List<ResultsFile> results, List<string> notes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var beside = results.Where(r => Path.GetDirectoryName(Path.GetFullPath(r.Path)) == folder).ToList();
        var stamp = LmEvalFileName.Samples(path)?.Timestamp;
        var sameRun = beside.Where(r => r.Timestamp is not null && r.Timestamp == stamp).ToList();
        var candidates = (sameRun.Count > 0 ? sameRun : beside).Select(r => r.Model).Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count > 1)
        {
            throw new InputException(path, $"cannot tell which model this samples file belongs to ({string.Join(", ", candidates)} in the same folder)");
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var resultsOfRun = stamp is null ? null : Path.Combine(folder, $"results_{stamp}.json");
        if (resultsOfRun is not null && File.Exists(resultsOfRun))
        {
            return ResultsFile.Load(resultsOfRun).Model;
        }

        var model = ModelFromFolder(path);
        notes.Add($"{Path.GetFileName(path)}: no results_{stamp ?? "<timestamp>"}.json beside it to name the model; named \"{model}\" after its folder");
        return model;
    }

    private static string ModelFromFolder(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? Path.GetFileNameWithoutExtension(path);

    private static (List<ResultsFile> Results, List<string> Samples) RunOf(
        SortedDictionary<string, (List<ResultsFile> Results, List<string> Samples)> runs, string model)
    {
        if (!runs.TryGetValue(model, out var run))
        {
            runs[model] = run = ([], []);
        }

        return run;
    }

    private static List<string> Given(IReadOnlyList<string> files, (List<ResultsFile> Results, List<string> Samples) run)
    {
        var mine = run.Results.Select(r => r.Path).Concat(run.Samples).ToHashSet(StringComparer.Ordinal);
        return files.Where(mine.Contains).Distinct(StringComparer.Ordinal).ToList();
    }
}
