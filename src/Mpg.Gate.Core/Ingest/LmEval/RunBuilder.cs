namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// Turns the parsed files of one model's run into an <see cref="EvalRun"/>: counts for every leaf task, samples
/// overriding results where both exist, then groups pooled from their subtasks, then the run's timing.
/// </summary>
internal static class RunBuilder
{
    public static EvalRun Build(string model, IReadOnlyList<string> files, IReadOnlyList<ResultsFile> results, IReadOnlyList<string> samples,
        IProgress<long>? progress = null, string? clusterBy = null, int excerptChars = ItemExcerpt.DefaultChars)
    {
        // Files come sorted by path, and harness file names carry a timestamp, so a later file is a later run:
        // where two results files report the same task (a rerun), the later one wins.
        var owner = new Dictionary<string, (RawTask Task, ResultsFile File)>(StringComparer.Ordinal);
        var order = new List<string>();
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var effective = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in results)
        {
            foreach (var task in file.Tasks)
            {
                if (!owner.ContainsKey(task.Name))
                {
                    order.Add(task.Name);
                }

                owner[task.Name] = (task, file);
            }

            foreach (var (group, subtasks) in file.GroupSubtasks)
            {
                groups[group] = subtasks;
            }

            foreach (var (task, n) in file.Effective)
            {
                effective[task] = n;
            }
        }

        var metrics = new Dictionary<string, List<MetricResult>>(StringComparer.Ordinal);
        var sourceFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in order.Where(n => !groups.ContainsKey(n)))
        {
            metrics[name] = LeafMetrics(owner[name].Task, effective.TryGetValue(name, out var n) ? n : null);
            sourceFile[name] = owner[name].File.Path;
        }

        ApplySamples(results, samples, owner, groups, order, metrics, sourceFile, progress, clusterBy, excerptChars);

        var pooled = new GroupPooling(groups, owner, metrics, effective);
        var benchmarks = order.Select(name => groups.ContainsKey(name)
                ? new BenchmarkResult(name, groups[name], pooled.Metrics(name), owner[name].File.Path) { Unusable = UnusableOf(owner, name), Settings = GroupSettings(name, groups, owner) }
                : new BenchmarkResult(name, [], metrics[name], sourceFile[name]) { Unusable = UnusableOf(owner, name), Settings = SettingsOf(name, owner) })
            .ToList();

        return new EvalRun(model, benchmarks, Timing(owner.Values.Select(o => o.File).Distinct().ToList(), groups), files);
    }

    private static IReadOnlyList<UnusableMetric> UnusableOf(Dictionary<string, (RawTask Task, ResultsFile File)> owner, string name) =>
        owner.TryGetValue(name, out var o) ? o.Task.Unusable : [];

    /// <summary>
    /// A group was run as its subtasks were: each setting once where all its subtasks agree, else per subtask
    /// ("belief: 0; desire: 5"), so a prompt changed in one subtask shows on the group.
    /// </summary>
    private static Dictionary<string, string> GroupSettings(string group, Dictionary<string, IReadOnlyList<string>> groups, Dictionary<string, (RawTask Task, ResultsFile File)> owner)
    {
        var subtasks = groups[group].Where(owner.ContainsKey).Select(s => (Name: s, Settings: SettingsOf(s, owner))).ToList();
        var settings = new Dictionary<string, string>(SettingsOf(group, owner), StringComparer.Ordinal);
        foreach (var name in subtasks.SelectMany(s => s.Settings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var values = subtasks.Select(s => (s.Name, Value: s.Settings.GetValueOrDefault(name))).ToList();
            settings[name] = values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() == 1
                ? values[0].Value ?? string.Empty
                : string.Join("; ", values.Select(v => $"{v.Name}: {v.Value ?? "-"}"));
        }

        return settings;
    }

    /// <summary>What the task's results file records about how it ran; nothing for samples read without one.</summary>
    private static IReadOnlyDictionary<string, string> SettingsOf(string task, Dictionary<string, (RawTask Task, ResultsFile File)> owner) =>
        owner.TryGetValue(task, out var o) && o.File.Settings.TryGetValue(task, out var settings) ? settings : new Dictionary<string, string>();

    private static List<MetricResult> LeafMetrics(RawTask task, int? n)
    {
        var list = new List<MetricResult>();
        foreach (var raw in task.Metrics)
        {
            if (n is { } count)
            {
                list.Add(new MetricResult(raw.Key, count, raw.Value * count, false, MetricSource.Results, raw.Value, null));
            }
            else if (StderrEstimate.N(raw.Value, raw.Stderr) is { } estimated)
            {
                list.Add(new MetricResult(raw.Key, estimated, raw.Value * estimated, true, MetricSource.Results, raw.Value, null)
                {
                    NEstimatedReason = StderrEstimate.Reason(raw.Value, estimated),
                });
            }

            // Neither a count nor a usable stderr (e.g. v0.3 mc_taco em/f1): the metric has no evidence, so it is left out.
        }

        return list;
    }

    private static void ApplySamples(IReadOnlyList<ResultsFile> results, IReadOnlyList<string> samples,
        Dictionary<string, (RawTask Task, ResultsFile File)> owner, Dictionary<string, IReadOnlyList<string>> groups,
        List<string> order, Dictionary<string, List<MetricResult>> metrics, Dictionary<string, string> sourceFile,
        IProgress<long>? progress, string? clusterBy, int excerptChars)
    {
        // Samples files exist only from v0.4 on, which keys metrics "metric,filter"; match the results file's style.
        var commaKeys = results.Count == 0 || results.Any(r => !r.Legacy);

        // One samples file per task: as with results, the latest (by timestamped name) wins.
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in samples)
        {
            var task = LmEvalFileName.Samples(path)?.Task
                ?? throw new InputException(path, "not an lm-evaluation-harness samples file name (expected samples_<task>_<timestamp>.jsonl)");
            latest[task] = path;
        }

        // A suite is one samples file per task: they are read on several cores, then applied in the sequential order.
        var tasks = latest.ToList();
        var loaded = Parallelism.InOrder(tasks, t => SamplesFile.Load(t.Value, commaKeys,
            owner.TryGetValue(t.Key, out var o) ? o.Task.Metrics.Select(m => m.Key.Split(',')[0]).ToHashSet(StringComparer.Ordinal) : null,
            progress, clusterBy, excerptChars));
        for (var i = 0; i < tasks.Count; i++)
        {
            var (task, path) = tasks[i];
            var known = owner.TryGetValue(task, out var o) ? o.Task : null;
            var file = loaded[i];
            if (file.Metrics.Count == 0 || groups.ContainsKey(task))
            {
                continue; // nothing scorable per item (or a group, which the harness never writes samples for)
            }

            if (!metrics.TryGetValue(task, out var list))
            {
                order.Add(task);
                metrics[task] = list = [];
            }

            foreach (var (key, items) in file.Metrics)
            {
                var value = known?.Metrics.FirstOrDefault(m => m.Key == key)?.Value;
                var fromSamples = new MetricResult(key, items.Count, items.Sum(i => i.Score), false, MetricSource.Samples, value, items);
                var at = list.FindIndex(m => m.Key == key);
                if (at >= 0)
                {
                    list[at] = fromSamples;
                }
                else
                {
                    list.Add(fromSamples);
                }
            }

            sourceFile[task] = path;
        }
    }

    /// <summary>Wall time summed over the results files the run's tasks came from; items are their leaf tasks' counts.</summary>
    private static RunTiming? Timing(IReadOnlyList<ResultsFile> contributing, Dictionary<string, IReadOnlyList<string>> groups)
    {
        if (contributing.Count == 0 || contributing.Any(f => f.WallSeconds is null || f.Effective.Count == 0))
        {
            return null; // a part of the run without a time (or without counts) would make any rate wrong
        }

        var seconds = contributing.Sum(f => f.WallSeconds!.Value);
        var items = contributing.Sum(f => f.Effective.Where(e => !groups.ContainsKey(e.Key)).Sum(e => (long)e.Value));
        return new RunTiming(seconds, items);
    }
}
