using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Policy;

/// <summary>
/// The policy <c>mpg init</c> writes: the run's top-level tasks sorted into the three subdomains of the
/// MPG paper (Factual Recall, Problem Solving, Linguistic &amp; Social Understanding), a starting point to edit.
/// </summary>
public static partial class StarterPolicy
{
    public const string FactualRecall = "factual-recall";
    public const string ProblemSolving = "problem-solving";
    public const string LinguisticSocial = "linguistic-social";
    public const string Other = "other";

    // Task-name prefixes per subdomain, after the paper's grouping of common benchmarks.
    private static readonly (string Group, string[] Prefixes)[] Domains =
    [
        (FactualRecall, ["mmlu", "truthfulqa", "triviaqa", "nq_open", "sciq", "arc_easy", "openbookqa", "hendrycksTest", "naturalqs", "medqa", "pubmedqa"]),
        (ProblemSolving, ["gsm8k", "arc_challenge", "math", "minerva", "asdiv", "bbh", "logiqa", "hellaswag", "piqa", "winogrande", "gpqa", "humaneval", "mbpp", "drop", "prost", "swag"]),
        (LinguisticSocial, ["lambada", "cola", "mnli", "qnli", "qqp", "rte", "sst2", "wnli", "mrpc", "boolq", "wsc", "wic", "siqa", "social_iqa", "negotiationtom", "copa", "xnli", "blimp", "race"]),
    ];

    public static string Domain(string task) =>
        Domains.FirstOrDefault(d => d.Prefixes.Any(p => task.StartsWith(p, StringComparison.OrdinalIgnoreCase))).Group ?? Other;

    /// <param name="inputs">Input paths or globs relative to where the policy will be written.</param>
    /// <param name="model">The model to keep, where the inputs hold several; null otherwise.</param>
    /// <param name="tasks">Top-level tasks in run order, each with the metric to name where the default would not find one.</param>
    public static string Write(string name, IReadOnlyList<StarterInput> inputs, string? model, IReadOnlyList<(string Task, string? Metric)> tasks, string baseline, double? margin = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Written by 'mpg init'. Every key is explained in mpg.yml.sample.");
        sb.AppendLine("version: 1");
        sb.AppendLine(CultureInfo.InvariantCulture, $"name: {name}");
        sb.AppendLine("samples: 20000");
        sb.AppendLine("seed: 1");
        sb.AppendLine("inputs:");
        foreach (var input in inputs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - path: \"{input.Path}\"");
            sb.AppendLine("    format: auto");
            if (input.Benchmark is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    benchmark: \"{input.Benchmark}\"");
            }

            if (model is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    model: \"{model}\"");
            }
        }

        sb.AppendLine("goodness:");
        foreach (var group in tasks.GroupBy(t => Domain(t.Task)).OrderBy(g => Array.FindIndex(Domains, d => d.Group == g.Key) is var i && i < 0 ? int.MaxValue : i))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - name: {group.Key}");
            sb.AppendLine("    children:");
            foreach (var (task, metric) in group)
            {
                if (metric is null)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"      - {{ benchmark: \"{task}\" }}");
                }
                else
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"      - {{ benchmark: \"{task}\", metric: \"{metric}\" }}");
                }
            }
        }

        sb.AppendLine("fastness: { metric: qps }");
        sb.AppendLine(CultureInfo.InvariantCulture, $"baseline: {baseline}");
        sb.AppendLine("gate:");
        if (margin is { } m)
        {
            sb.AppendLine("  # The smallest margin these item counts decide: a rerun with no true change reads 'unchanged' at 80% power.");
            sb.AppendLine("  # A smaller margin needs more items ('mpg plan' says how many); too few to decide reads 'inconclusive'.");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  margin: {m:0.###}");
        }
        else
        {
            sb.AppendLine("  margin: 0.01");
        }

        sb.AppendLine("  confidence: 0.95");
        sb.AppendLine("  correction: holm");
        sb.AppendLine("  rules:");
        sb.AppendLine("    - { node: goodness }");
        sb.AppendLine("  fastness: { min_ratio: 0.9, action: warn }");
        return sb.ToString();
    }

    /// <summary>
    /// The inputs a committed policy names for a run's files: globs relative to the policy's folder that the next run
    /// (new timestamps, the same layout, the artifact folder CI downloads into) still matches. A glob never holds a
    /// timestamp or the model's name: the harness's file patterns (<c>results_*.json</c>, <c>samples_*.jsonl</c>),
    /// else any file of the same extension, under the first folder that names neither, searched to any depth (a folder
    /// outside the policy's is named as it is).
    /// </summary>
    /// <param name="policyDirectory">The folder the policy is written to.</param>
    /// <param name="run">The run, whose files are full paths and whose model's name a folder may carry (lm-eval's <c>model_name_sanitized</c>).</param>
    public static IReadOnlyList<StarterInput> Inputs(string policyDirectory, EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var globs = new List<(string Glob, List<string> Files)>();
        foreach (var file in run.Files)
        {
            var segments = Path.GetRelativePath(policyDirectory, Path.GetFullPath(file)).Replace('\\', '/').Split('/');
            var up = segments.TakeWhile(s => s == "..").Count();
            var folders = segments[up..^1];
            var prefix = string.Concat(Enumerable.Repeat("../", up));
            var name = NamePattern(segments[^1]);
            var glob = folders.Length switch
            {
                // Outside the policy's folder (init -i ../elsewhere): that folder as given, never a search of all above.
                _ when up > 0 => prefix + string.Concat(folders.Select(f => f + "/")) + name,
                0 => prefix + name,
                _ when NamesRun(folders[0], run.Model) => $"{prefix}**/{name}",
                _ => $"{prefix}{folders[0]}/**/{name}",
            };
            if (globs.FindIndex(g => g.Glob == glob) is var at && at >= 0)
            {
                globs[at].Files.Add(file);
            }
            else
            {
                globs.Add((glob, [file]));
            }
        }

        return globs.Select(g => new StarterInput(g.Glob, BenchmarkNamedAfterFile(run, g.Files))).ToList();
    }

    /// <summary>
    /// A benchmark a reader named after its file (promptfoo without a prompt label, a CSV without a benchmark column):
    /// the next run's file has another name, so the policy must name it. Only where the input's files hold that one benchmark.
    /// </summary>
    private static string? BenchmarkNamedAfterFile(EvalRun run, List<string> files)
    {
        var mine = run.Benchmarks.Where(b => files.Contains(b.File, StringComparer.Ordinal)).ToList();
        return mine is [var only] && only.Name == Path.GetFileNameWithoutExtension(only.File) ? only.Name : null;
    }

    private static string NamePattern(string fileName) =>
        fileName.StartsWith("results_", StringComparison.Ordinal) && fileName.EndsWith(".json", StringComparison.Ordinal) ? "results_*.json"
        : fileName.StartsWith("samples_", StringComparison.Ordinal) && fileName.EndsWith(".jsonl", StringComparison.Ordinal) ? "samples_*.jsonl"
        : "*" + Path.GetExtension(fileName);

    /// <summary>A folder that belongs to one run: named after the model (as the harness sanitizes it) or a timestamp.</summary>
    private static bool NamesRun(string folder, string model) =>
        folder.Contains(model.Replace("/", "__", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)
        || folder.Contains(model.Split('/')[^1], StringComparison.OrdinalIgnoreCase)
        || Timestamp().IsMatch(folder);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T_ ]\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    /// <summary>
    /// The tasks worth a leaf: not a subtask of a group in the run, with a metric. The metric is named only where
    /// none of <paramref name="accuracyMetrics"/> is there (an Inspect scorer or an MEAI metric), so the leaf still resolves.
    /// </summary>
    public static IReadOnlyList<(string Task, string? Metric)> TopLevelTasks(EvalRun run, IReadOnlyCollection<string> accuracyMetrics)
    {
        var subtasks = run.Benchmarks.SelectMany(b => b.Subtasks).ToHashSet(StringComparer.Ordinal);
        return run.Benchmarks
            .Where(b => !subtasks.Contains(b.Name) && b.Metrics.Count > 0)
            .Select(b => (b.Name, b.Metrics.Any(m => accuracyMetrics.Contains(m.Name)) ? null : b.Metrics[0].Key))
            .ToList();
    }
}

/// <summary>One <c>inputs[]</c> entry of a starter policy: a glob, and the benchmark name where the files do not carry one.</summary>
public sealed record StarterInput(string Path, string? Benchmark);
