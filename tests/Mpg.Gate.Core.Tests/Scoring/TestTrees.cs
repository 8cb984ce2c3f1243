using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;

namespace Mpg.Gate.Core.Tests.Scoring;

/// <summary>Builds policies, trees and runs in code, so scoring tests do not depend on the YAML loader.</summary>
internal static class TestTrees
{
    public static readonly SourceSpan Here = new("test.yml", 1, 1);

    public static PolicyNode Leaf(string benchmark, double weight = 1) => new(benchmark, benchmark, null, weight, Weighting.Equal, [], Here);

    public static PolicyNode Group(string name, Weighting weighting, double weight, params PolicyNode[] children) => new(name, null, null, weight, weighting, children, Here);

    public static PolicyNode Root(Weighting weighting, params PolicyNode[] children) => new(PolicyNode.RootId, null, null, 1, weighting, children, Here);

    public static GatePolicy PolicyOf(PolicyNode? tree, int samples = 20_000, int seed = 1, IReadOnlyList<PolicyRule>? rules = null, Correction correction = Correction.Holm) => new(
        "test.yml", 1, "test", samples, seed, 0.95, Prior.Uniform, [], tree, FastnessSpec.Default, null,
        new GateSpec(GateSpec.DefaultMargin, GateSpec.DefaultConfidence, correction, rules ?? [new PolicyRule(PolicyNode.RootId, null, null, null, Here)], null),
        ReportSpec.Empty, GitHubSpec.Default, null);

    /// <summary>A run whose benchmarks have one <c>acc</c> metric each: (name, n, successes).</summary>
    public static EvalRun Run(string model, params (string Name, int N, double Successes)[] benchmarks) => new(
        model,
        benchmarks.Select(b => new BenchmarkResult(b.Name, [], [new MetricResult("acc,none", b.N, b.Successes, false, MetricSource.Results, b.Successes / b.N, null)], "run.json")).ToList(),
        new RunTiming(100, benchmarks.Sum(b => b.N)),
        ["run.json"]);
}

/// <summary>Runs whose benchmarks carry per-item outcomes, as a samples file gives them.</summary>
internal static class TestItems
{
    public static EvalRun Run(string model, params (string Name, double[] Scores)[] benchmarks) => new(
        model,
        benchmarks.Select(b => new BenchmarkResult(
            b.Name,
            [],
            [new MetricResult("acc,none", b.Scores.Length, b.Scores.Sum(), false, MetricSource.Samples, b.Scores.Average(), b.Scores.Select((s, i) => new ItemOutcome(i.ToString(System.Globalization.CultureInfo.InvariantCulture), s)).ToList())],
            "samples.jsonl")).ToList(),
        new RunTiming(100, benchmarks.Sum(b => b.Scores.Length)),
        ["samples.jsonl"]);
}
