using System.Globalization;
using System.Text.Json;

namespace Mpg.Gate.Ingest.LmEval;

/// <summary>One accuracy-like aggregate as a results file states it: value in [0,1] and its stderr if numeric.</summary>
internal sealed record RawMetric(string Key, double Value, double? Stderr);

/// <summary>One entry of a results file's <c>results</c> (or <c>groups</c>) object, with the metrics it has that cannot be scored.</summary>
internal sealed record RawTask(string Name, IReadOnlyList<RawMetric> Metrics, IReadOnlyList<UnusableMetric> Unusable);

/// <summary>
/// An lm-evaluation-harness results file, parsed but not yet turned into counts.
/// v0.4.x keys metrics as <c>metric,filter</c>; legacy v0.3 keys them bare and has no item counts.
/// </summary>
/// <param name="Legacy">True for v0.3 files: bare metric keys, counts only estimable from stderr.</param>
/// <param name="Tasks">Tasks in file order: <c>results</c> first, then any only in <c>groups</c>.</param>
/// <param name="GroupSubtasks">Groups (non-empty entries of <c>group_subtasks</c>) to their direct subtasks.</param>
/// <param name="Effective"><c>n-samples</c>: task to its effective item count.</param>
internal sealed record ResultsFile(
    string Path,
    string Model,
    bool Legacy,
    IReadOnlyList<RawTask> Tasks,
    IReadOnlyDictionary<string, IReadOnlyList<string>> GroupSubtasks,
    IReadOnlyDictionary<string, int> Effective,
    double? WallSeconds)
{
    // Entries of a task object that look numeric but are bookkeeping, not scores (sample_len = 1 would pass the [0,1] test).
    private static readonly HashSet<string> NotMetrics = new(StringComparer.Ordinal) { "alias", "name", "sample_len", "sample_count" };

    /// <summary>Per task, how it was run (<see cref="RunSettings.LmEval"/>).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Settings { get; private init; } = new Dictionary<string, Dictionary<string, string>>();

    /// <summary>The timestamp of <c>results_&lt;timestamp&gt;.json</c>, used to pair samples files with their results file.</summary>
    public string? Timestamp => LmEvalFileName.ResultsTimestamp(Path);

    public static ResultsFile Load(string path)
    {
        using var doc = JsonInput.LoadFile(path);
        try
        {
            return Read(path, doc.RootElement);
        }
        catch (Exception ex) when (JsonInput.IsValueError(ex))
        {
            throw new InputException(path, $"unreadable value: {ex.Message}");
        }
    }

    private static ResultsFile Read(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results))
        {
            throw new InputException(path, "not an lm-evaluation-harness results file (no \"results\" object)");
        }

        if (results.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path, $"\"results\" is not an object (found {results.ValueKind})");
        }

        var tasks = new List<RawTask>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ReadTasks(path, results, "results", tasks, seen);
        if (root.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Object)
        {
            ReadTasks(path, groups, "groups", tasks, seen);
        }

        var legacy = tasks.Count > 0 && tasks.SelectMany(t => t.Metrics).All(m => !m.Key.Contains(',', StringComparison.Ordinal))
            && !root.TryGetProperty("n-samples", out _);

        return new ResultsFile(path, ReadModel(path, root), legacy, tasks, ReadGroupSubtasks(path, root), ReadEffective(path, root), ReadWallSeconds(path, root))
        {
            Settings = tasks.ToDictionary(t => t.Name, t => RunSettings.LmEval(root, t.Name), StringComparer.Ordinal),
        };
    }

    private static void ReadTasks(string path, JsonElement section, string sectionName, List<RawTask> tasks, HashSet<string> seen)
    {
        foreach (var task in section.EnumerateObject())
        {
            if (task.Value.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(path, $"\"{sectionName}\".\"{task.Name}\" is not an object of metrics");
            }

            if (seen.Add(task.Name))
            {
                var (metrics, unusable) = ReadMetrics(path, task.Value);
                tasks.Add(new RawTask(task.Name, metrics, unusable));
            }
        }
    }

    private static (List<RawMetric> Metrics, List<UnusableMetric> Unusable) ReadMetrics(string path, JsonElement task)
    {
        var values = new List<(string Key, double Value)>();
        var unusable = new List<UnusableMetric>();
        var stderrs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in task.EnumerateObject())
        {
            var (metric, filter) = SplitKey(entry.Name);
            if (NotMetrics.Contains(metric) || entry.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                continue;
            }

            var isStderr = metric.EndsWith("_stderr", StringComparison.Ordinal);
            if (entry.Value.ValueKind != JsonValueKind.Number)
            {
                // "N/A" stderr is the harness's way of saying none. A metric that is a string, or null (a neutralised
                // NaN/Infinity), is kept aside so that a policy naming it is told what the file holds.
                if (!isStderr)
                {
                    unusable.Add(new UnusableMetric(entry.Name, entry.Value.ValueKind == JsonValueKind.Null ? "NaN or Infinity" : entry.Value.GetRawText(), path));
                }

                continue;
            }

            var number = entry.Value.GetDouble();
            if (isStderr)
            {
                stderrs[JoinKey(metric[..^"_stderr".Length], filter)] = number;
            }
            else if (number is >= 0 and <= 1)
            {
                values.Add((entry.Name, number));
            }
            else
            {
                unusable.Add(new UnusableMetric(entry.Name, entry.Value.GetRawText(), path)); // perplexity, mae, negative mcc: not proportions
            }
        }

        return (values.Select(v => new RawMetric(v.Key, v.Value, stderrs.TryGetValue(v.Key, out var se) ? se : null)).ToList(), unusable);
    }

    private static (string Metric, string? Filter) SplitKey(string key)
    {
        var comma = key.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? (key, null) : (key[..comma], key[(comma + 1)..]);
    }

    private static string JoinKey(string metric, string? filter) => filter is null ? metric : $"{metric},{filter}";

    private static string ReadModel(string path, JsonElement root)
    {
        if (root.TryGetProperty("model_name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } n)
        {
            return n;
        }

        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (config.TryGetProperty("model_args", out var args) && Pretrained(args) is { Length: > 0 } pretrained)
            {
                return pretrained;
            }

            if (config.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String && model.GetString() is { Length: > 0 } m)
            {
                return m;
            }
        }

        throw new InputException(path, "no model name (expected \"model_name\", or \"config\".\"model_args\" with pretrained=, or \"config\".\"model\")");
    }

    // model_args is "pretrained=X,k=v" in most versions and an object {"pretrained": X, ...} in newer ones.
    private static string? Pretrained(JsonElement args)
    {
        if (args.ValueKind == JsonValueKind.Object)
        {
            return args.TryGetProperty("pretrained", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        }

        if (args.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var part in (args.GetString() ?? "").Split(','))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith("pretrained=", StringComparison.Ordinal))
            {
                return trimmed["pretrained=".Length..];
            }
        }

        return null;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadGroupSubtasks(string path, JsonElement root)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("group_subtasks", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return groups;
        }

        foreach (var group in section.EnumerateObject())
        {
            if (group.Value.ValueKind != JsonValueKind.Array || group.Value.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
            {
                throw new InputException(path, $"\"group_subtasks\".\"{group.Name}\" is not a list of task names");
            }

            var subtasks = group.Value.EnumerateArray().Select(s => s.GetString()!).ToList();
            if (subtasks.Count > 0)
            {
                groups[group.Name] = subtasks; // plain tasks are listed with [] and are not groups
            }
        }

        return groups;
    }

    private static Dictionary<string, int> ReadEffective(string path, JsonElement root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!root.TryGetProperty("n-samples", out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return counts;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path, "\"n-samples\" is not an object of per-task counts");
        }

        foreach (var task in section.EnumerateObject())
        {
            var where = $"\"n-samples\".\"{task.Name}\".\"effective\"";
            if (task.Value.ValueKind != JsonValueKind.Object || !task.Value.TryGetProperty("effective", out var effective))
            {
                throw new InputException(path, $"{where} is missing (expected a non-negative item count)");
            }

            if (effective.ValueKind != JsonValueKind.Number || !effective.TryGetDouble(out var n)
                || n < 0 || n != Math.Floor(n) || n > int.MaxValue)
            {
                throw new InputException(path, $"{where} is {Describe(effective)} (expected a non-negative whole item count)");
            }

            counts[task.Name] = (int)n;
        }

        return counts;
    }

    private static double? ReadWallSeconds(string path, JsonElement root)
    {
        if (!root.TryGetProperty("total_evaluation_time_seconds", out var time) || time.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Written as a string by some harness versions, a number by others.
        double seconds;
        var ok = time.ValueKind switch
        {
            JsonValueKind.Number => time.TryGetDouble(out seconds),
            JsonValueKind.String => double.TryParse(time.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds),
            _ => (seconds = 0) != 0,
        };
        if (!ok || !double.IsFinite(seconds) || seconds < 0)
        {
            throw new InputException(path, $"\"total_evaluation_time_seconds\" is {Describe(time)} (expected a non-negative number of seconds)");
        }

        return seconds;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null or NaN",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => value.GetRawText(),
        _ => $"a {value.ValueKind.ToString().ToLowerInvariant()}",
    };
}
