using System.Globalization;
using System.Text;
using Mpg.Gate.Comparison;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Core.Tests.Simulation;

/// <summary>
/// Simulated pull requests for the calibration tests. Each benchmark has items of varying difficulty: item i's
/// true success probability pᵢ ~ Beta(0.7, 0.3) (mean 0.7), so outcomes of two models on one item correlate by
/// 1/(0.7 + 0.3 + 1) = 0.5, as measured between frontier models. The candidate is the baseline made worse by
/// one shift s on the logit scale, logit qᵢ = logit pᵢ − s (item response theory's way to move a model's
/// ability), with s chosen so that E[qᵢ] = 0.7 − δ: a true drop of δ (δ = 0 under the null). Items the
/// baseline always answers stay answered, so the drop falls on items of middling difficulty, as it does when a
/// model gets slightly worse. (Scaling every pᵢ by 1 − δ/0.7 instead moves the easy items too; it makes more
/// discordant items and costs paired power a few points: docs/METHOD.md gives both.) Outcomes are written as
/// real lm-evaluation-harness samples JSONL files and go through the real reader, scorer, scorecard file and gate.
/// </summary>
internal sealed class SimulatedRuns : IDisposable
{
    private const double DifficultyA = 0.7;
    private const double DifficultyB = 0.3;
    private const double MeanAccuracy = DifficultyA / (DifficultyA + DifficultyB);
    private readonly string root = Directory.CreateTempSubdirectory("mpg-sim-").FullName;
    private int next;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>
    /// Runs <paramref name="trials"/> simulated PRs on all cores and counts those <paramref name="fails"/> says failed.
    /// Trial t draws from its own generator seeded with (seed, t), so the counts do not depend on scheduling.
    /// </summary>
    public int[] Count(int trials, int seed, Func<Random, (Scorecard Baseline, Scorecard Candidate)> pullRequest, params Func<Scorecard, Scorecard, bool>[] fails)
    {
        var counts = new int[fails.Length];
        Parallel.For(0, trials, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            var (baseline, candidate) = pullRequest(new Random((seed * 1_000_003) + t));
            for (var k = 0; k < fails.Length; k++)
            {
                if (fails[k](baseline, candidate))
                {
                    Interlocked.Increment(ref counts[k]);
                }
            }
        });
        return counts;
    }

    /// <summary>A policy with one leaf per benchmark under the root, a regression rule on each leaf.</summary>
    public static GatePolicy Policy(int benchmarks, double margin, Correction correction, int samples, int seed)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"name: sim\nsamples: {samples}\nseed: {seed}\ngoodness:");
        for (var b = 0; b < benchmarks; b++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ benchmark: task{b:00} }}");
        }

        yaml.AppendLine(CultureInfo.InvariantCulture, $"gate:\n  margin: {margin}\n  correction: {correction.ToString().ToLowerInvariant()}\n  rules:");
        for (var b = 0; b < benchmarks; b++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    - {{ node: task{b:00} }}");
        }

        return PolicyLoader.Parse(yaml.ToString(), "sim.yml");
    }

    /// <summary>One simulated PR: baseline and candidate runs of <paramref name="items"/> items per benchmark, scored into scorecards.</summary>
    public (Scorecard Baseline, Scorecard Candidate) PullRequest(GatePolicy policy, int benchmarks, int items, double drop, Random random)
    {
        var pr = Path.Combine(root, $"pr{Interlocked.Increment(ref next)}");
        var baseDir = Path.Combine(pr, "base__model");
        var candDir = Path.Combine(pr, "cand__model");
        Directory.CreateDirectory(baseDir);
        Directory.CreateDirectory(candDir);
        var shift = LogitShift(drop);
        for (var b = 0; b < benchmarks; b++)
        {
            var p = Enumerable.Range(0, items).Select(_ => MathNet.Numerics.Distributions.Beta.Sample(random, DifficultyA, DifficultyB)).ToArray();
            Write(Path.Combine(baseDir, $"samples_task{b:00}_2026-01-01T00-00-00.000000.jsonl"), p.Select(pi => random.NextDouble() < pi));
            Write(Path.Combine(candDir, $"samples_task{b:00}_2026-01-01T00-00-00.000000.jsonl"), p.Select(pi => random.NextDouble() < Shifted(pi, shift)));
        }

        var now = DateTimeOffset.UnixEpoch;
        var baseline = ScoreJob.Run(policy, [baseDir], pr, "sim", now);
        var baselineFile = Path.Combine(pr, "baseline.json");
        File.WriteAllText(baselineFile, ScorecardFile.ToJson(baseline));
        var candidate = ScoreJob.Run(policy, [candDir], pr, "sim", now);
        Directory.Delete(pr, recursive: true);
        return (baseline, candidate);
    }

    /// <summary>The logit shift that lowers mean accuracy by <paramref name="drop"/>, by bisection over 200,000 fixed difficulties.</summary>
    public static double LogitShift(double drop)
    {
        if (drop == 0)
        {
            return 0;
        }

        lock (Shifts)
        {
            if (Shifts.TryGetValue(drop, out var known))
            {
                return known;
            }

            var random = new Random(12345);
            var p = Enumerable.Range(0, 200_000).Select(_ => MathNet.Numerics.Distributions.Beta.Sample(random, DifficultyA, DifficultyB)).ToArray();
            double lo = 0, hi = 10;
            for (var i = 0; i < 60; i++)
            {
                var mid = (lo + hi) / 2;
                var mean = p.Average(pi => Shifted(pi, mid));
                (lo, hi) = MeanAccuracy - mean < drop ? (mid, hi) : (lo, mid);
            }

            return Shifts[drop] = (lo + hi) / 2;
        }
    }

    private static readonly Dictionary<double, double> Shifts = [];

    private static double Shifted(double p, double shift)
    {
        if (shift == 0 || p <= 0 || p >= 1)
        {
            return p;
        }

        var logit = Math.Log(p / (1 - p)) - shift;
        return 1 / (1 + Math.Exp(-logit));
    }

    public static Verdict Gate(GatePolicy policy, Scorecard baseline, Scorecard candidate, bool paired)
    {
        static Scorecard Unpaired(Scorecard card) => card with { Nodes = card.Nodes.Select(n => n with { Items = null }).ToList() };
        return paired
            ? Comparer.Compare(policy, baseline, candidate, new GateContext("sim", DateTimeOffset.UnixEpoch, "baseline.json"))
            : Comparer.Compare(policy, Unpaired(baseline), Unpaired(candidate), new GateContext("sim", DateTimeOffset.UnixEpoch, "baseline.json"));
    }

    private static void Write(string path, IEnumerable<bool> outcomes)
    {
        using var writer = new StreamWriter(path);
        var i = 0;
        foreach (var correct in outcomes)
        {
            writer.Write("{\"doc_id\": ");
            writer.Write(i++.ToString(CultureInfo.InvariantCulture));
            writer.Write(", \"filter\": \"none\", \"metrics\": [\"acc\"], \"acc\": ");
            writer.Write(correct ? "1.0" : "0.0");
            writer.Write("}\n");
        }
    }
}

/// <summary>A rate over trials with its Wilson 95% interval.</summary>
internal readonly record struct Rate(int Hits, int Trials)
{
    public double Value => (double)Hits / Trials;

    public (double Lower, double Upper) Wilson
    {
        get
        {
            const double z = 1.959964;
            var p = Value;
            var centre = (p + (z * z / (2 * Trials))) / (1 + (z * z / Trials));
            var half = z * Math.Sqrt((p * (1 - p) / Trials) + (z * z / (4.0 * Trials * Trials))) / (1 + (z * z / Trials));
            return (centre - half, centre + half);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hits}/{Trials} = {Value:P1} (95% CI {Wilson.Lower:P1} – {Wilson.Upper:P1})");
}
