namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// Counts for a group task (e.g. <c>mmlu</c> → <c>mmlu_stem</c> → <c>mmlu_anatomy</c>): its subtasks' counts added up, so
/// a group's N is its items, not its number of subtasks. Groups nest, so subtask groups are pooled first (memoised).
/// </summary>
internal sealed class GroupPooling(
    IReadOnlyDictionary<string, IReadOnlyList<string>> groups,
    IReadOnlyDictionary<string, (RawTask Task, ResultsFile File)> owner,
    IReadOnlyDictionary<string, List<MetricResult>> leaves,
    IReadOnlyDictionary<string, int> effective)
{
    private readonly Dictionary<string, IReadOnlyList<MetricResult>> done = new(StringComparer.Ordinal);
    private readonly HashSet<string> visiting = new(StringComparer.Ordinal);

    public IReadOnlyList<MetricResult> Metrics(string name)
    {
        if (!groups.TryGetValue(name, out var subtasks))
        {
            return leaves.TryGetValue(name, out var leaf) ? leaf : [];
        }

        if (done.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!visiting.Add(name))
        {
            var file = owner.TryGetValue(name, out var o) ? o.File.Path : "group_subtasks";
            throw new InputException(file, $"\"group_subtasks\" has a cycle through \"{name}\"");
        }

        var children = subtasks.Select(Metrics).ToList();
        var list = new List<MetricResult>();
        foreach (var raw in owner.TryGetValue(name, out var own) ? own.Task.Metrics : [])
        {
            if (Pool(name, raw, subtasks, children) is { } metric)
            {
                list.Add(metric);
            }
        }

        visiting.Remove(name);
        done[name] = list;
        return list;
    }

    private MetricResult? Pool(string group, RawMetric raw, IReadOnlyList<string> subtasks, List<IReadOnlyList<MetricResult>> children)
    {
        // Subtasks that report this metric. When only some do (negotiationtom: acc in belief and desire, not in
        // intention), the group's value is over those subtasks only, so only their items count — not the whole group's.
        var having = subtasks.Zip(children)
            .Select(c => (Subtask: c.First, Metric: c.Second.FirstOrDefault(m => m.Key == raw.Key)))
            .Where(c => c.Metric is not null)
            .ToList();
        if (having.Count > 0)
        {
            // Where every subtask has per-item outcomes, the group has them too (ids prefixed by the subtask, as
            // doc_ids repeat across subtasks), so a gated group pairs item by item like a plain task.
            var items = having.All(c => c.Metric!.Items is not null)
                ? having.SelectMany(c => c.Metric!.Items!.Select(i => i with { Id = c.Subtask + "/" + i.Id })).OrderBy(i => i.Id, StringComparer.Ordinal).ToList()
                : null;
            var total = having.Sum(c => c.Metric!.N);
            var successes = having.Sum(c => c.Metric!.Successes);
            var fromStderr = having.Where(c => c.Metric!.NEstimated).ToList();
            string? reason = null;
            if (fromStderr.Count > 0)
            {
                reason = $"pooled from subtask counts estimated from stderr ({string.Join(", ", fromStderr.Select(c => $"{c.Subtask} {c.Metric!.N:#,0}"))})";

                // Estimated counts must not move the mean: weighted by them, the pool can leave the harness's own
                // group value (truthfulqa: mc2 is graded, its n comes out 1,276 for 817 and outweighs mc1). The
                // file's value is the harness's answer; keep it, and the estimated total only as the evidence size.
                if (total > 0 && Math.Abs((successes / total) - raw.Value) > 0.0005)
                {
                    successes = raw.Value * total;
                    reason += $"; the pooled mean left the file's group value {raw.Value:0.####}, which is kept";
                }
            }

            return new MetricResult(raw.Key, total, successes, fromStderr.Count > 0, items is null ? MetricSource.Results : MetricSource.Samples, raw.Value, items)
            {
                NEstimatedReason = reason,
            };
        }

        // A metric only the group reports: value × the group's items, where every leaf below it has a count.
        if (LeafItems(group) is { } n and <= int.MaxValue)
        {
            return new MetricResult(raw.Key, (int)n, raw.Value * n, false, MetricSource.Results, raw.Value, null);
        }

        return StderrEstimate.N(raw.Value, raw.Stderr) is { } estimated
            ? new MetricResult(raw.Key, estimated, raw.Value * estimated, true, MetricSource.Results, raw.Value, null) { NEstimatedReason = StderrEstimate.Reason(raw.Value, estimated) }
            : null;
    }

    /// <summary>Items under a group: the counts of its leaf descendants, or null when any of them has no count.</summary>
    private long? LeafItems(string name)
    {
        if (!groups.TryGetValue(name, out var subtasks))
        {
            return effective.TryGetValue(name, out var n) ? n : null;
        }

        long total = 0;
        foreach (var subtask in subtasks)
        {
            if (subtask == name || LeafItems(subtask) is not { } n)
            {
                return null;
            }

            total += n;
        }

        return total;
    }
}
