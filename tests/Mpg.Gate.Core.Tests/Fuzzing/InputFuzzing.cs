using Mpg.Gate.Serialization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Mpg.Gate.Core.Tests.Ingest;
using Mpg.Gate.Core.Tests.Policy;
using Mpg.Gate.Ingest;
using Mpg.Gate.Jobs;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Xunit.Abstractions;

namespace Mpg.Gate.Core.Tests.Fuzzing;

/// <summary>
/// Seeded property-based fuzzing: real files of every format, the policy and a scorecard, mutated by FsCheck (bytes
/// flipped, inserted, cut, slices repeated, hostile tokens spliced in). Whatever comes out must end in a result or in our
/// typed error, never another exception or a hang. A fixed seed and count keep the default run deterministic and bounded;
/// MPG_FUZZ_COUNT (inputs per seed file) and MPG_FUZZ_SEED run it longer or elsewhere.
/// </summary>
public sealed class InputFuzzing(ITestOutputHelper output) : IDisposable
{
    private const int DefaultCount = 500;

    // A hang is a failure; a whole pipeline on a few kB takes milliseconds, so this bound is generous even with both
    // cores saturated by other work (a 30 s bound once ran out under such load, on an input that passes unloaded).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Tokens =
    [
        "NaN", "-Infinity", "Infinity", "1e999", "-1", "0.5", "99999999999999999999", "null", "true", "\"\"", "\"x\"", "{", "}",
        "[", "]", ",", ":", "\"", "\\", "\n", "\r\n", "\u0000", "\uFEFF", "é", "\"doc_id\": 1, ", "\"acc\": 2, ", "{}", "[]",
        "&a [*a]", "*a", "! ", "- ", "? ", "\t", "%YAML 1.1\n---\n", "<", "|",
    ];

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("MPG_FUZZ_COUNT"), out var n) && n > 0 ? n : DefaultCount;

    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("MPG_FUZZ_SEED"), out var s) ? s : 20261203;

    public static TheoryData<string, string> Seeds() => new()
    {
        { "lm-eval results", Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct", "results_2024-08-21T03-44-09.494230.json") },
        { "lm-eval samples", Data("lm-eval", "with-samples", "asdiv__Meta-Llama-3-8B-Instruct", "samples_asdiv_2024-08-21T03-44-09.494230.jsonl") },
        { "lm-eval v0.3", Data("lm-eval", "v0.3-legacy", "llama-7B", "llama-7B_gsm8k_8-shot.json") },
        { "inspect json", Data("inspect", "2025-05-12T20-28-13-04-00_popularity.json") },
        { "inspect eval", Data("inspect", "mmlu-summary-choices.eval") },
        { "promptfoo", Data("promptfoo", "krystianbergmann_prompt-eval-workbench", "promptfoo-results.json") },
        { "meai", Data("fuzz", "meai-iteration.json") },
        { "csv", Data("fuzz", "items.csv") },
        { "leaderboard csv", Data("leaderboards", "ObsScaling", "instruct_llm_benchmark_eval.csv") },
        { "jsonl", Data("fuzz", "benchmarks.jsonl") },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedInputs_ScoreOrFailAsInputErrors(string format, string seedFile)
    {
        var seed = Seedling(format, seedFile);
        var name = Path.GetFileName(seedFile);
        var policy = PolicyLoader.Parse("version: 1\nsamples: 100\n", Path.Combine(dir.Path, "mpg.yml"));
        var tried = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        Check(Mutations(), mutation =>
        {
            var bytes = Apply(seed, mutation);
            var folder = Path.Combine(dir.Path, (tried++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, name);
            File.WriteAllBytes(file, bytes);
            var outcome = Bounded(() =>
            {
                try
                {
                    ScoreJob.Run(policy, [file], folder, "fuzz", DateTimeOffset.UnixEpoch);
                    return "scored";
                }
                catch (InputException)
                {
                    return "input error";
                }
                catch (PolicyException)
                {
                    return "policy error"; // a benchmark or metric the mutated file names in a way the default tree refuses
                }
            });
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            Directory.Delete(folder, recursive: true);
        });

        output.WriteLine($"{format}: {tried} inputs; {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}"))}");
    }

    [Theory]
    [InlineData("mpg.yml.sample")]
    [InlineData("design-example.yml")]
    public void MutatedPolicies_LoadOrFailAsPolicyErrors(string policy)
    {
        var path = policy == "mpg.yml.sample" ? Path.Combine(Policies.RepoRoot(), policy) : Policies.Data(policy);
        var seed = File.ReadAllBytes(path);
        var tried = 0;
        var loaded = 0;
        Check(Mutations(), mutation =>
        {
            var text = Encoding.UTF8.GetString(Apply(seed, mutation));
            tried++;
            loaded += Bounded(() =>
            {
                try
                {
                    PolicyLoader.Parse(text, "fuzz.yml");
                    return 1;
                }
                catch (PolicyException)
                {
                    return 0;
                }
            });
        });

        output.WriteLine($"{policy}: {tried} policies, {loaded} loaded, {tried - loaded} policy errors");
    }

    [Fact]
    public void MutatedScorecards_ParseOrFailAsInputErrors()
    {
        var seed = File.ReadAllBytes(Path.Combine(Policies.RepoRoot(), "examples", "lm-eval", "baseline.json"));
        var tried = 0;
        Check(Mutations(), mutation =>
        {
            var text = Encoding.UTF8.GetString(Apply(seed, mutation));
            tried++;
            Bounded(() =>
            {
                try
                {
                    return ScorecardFile.Parse(text, "baseline.json");
                }
                catch (InputException)
                {
                    return null;
                }
            });
        });

        output.WriteLine($"scorecard: {tried} inputs");
    }

    /// <summary>The seed file as the fuzzer starts from it: a large samples file is cut to its first lines (each mutation is then cheap).</summary>
    private static byte[] Seedling(string format, string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (format is "lm-eval samples" or "leaderboard csv")
        {
            var text = File.ReadAllLines(file).Take(6);
            return Encoding.UTF8.GetBytes(string.Join('\n', text) + "\n");
        }

        return bytes;
    }

    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <summary>
    /// Runs on a thread of its own, not the thread pool: with the pool's few threads blocked by parallel tests, a queued
    /// task can wait long before it starts, and that wait is no hang of ours. The readers' own parallel loops run on
    /// this thread too, so it always makes progress.
    /// </summary>
    private static T Bounded<T>(Func<T> run)
    {
        T? result = default;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = run();
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(Patience), $"no result within {Patience.TotalSeconds} s: a hang");
        failure?.Throw();
        return result!;
    }

    private static void Check(Arbitrary<Mutation[]> mutations, Action<Mutation[]> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Count).WithReplay(Seed, 1).WithQuietOnSuccess(true), Prop.ForAll(mutations, property));

    /// <summary>Up to eight edits; each position is a fraction of the file so an edit lands anywhere whatever its size.</summary>
    private static Arbitrary<Mutation[]> Mutations()
    {
        var edit = from kind in Gen.Elements(Enum.GetValues<EditKind>())
                   from at in Gen.Choose(0, 1_000_000)
                   from length in Gen.Choose(1, 64)
                   from value in Gen.Choose(0, 255)
                   from token in Gen.Elements(Tokens)
                   select new Mutation(kind, at / 1_000_000.0, length, (byte)value, token);
        return Arb.From(Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(edit, n)));
    }

    private static byte[] Apply(byte[] seed, Mutation[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var m in mutations)
        {
            var at = (int)(m.At * bytes.Count);
            switch (m.Kind)
            {
                case EditKind.Flip when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = m.Value;
                    break;
                case EditKind.Insert:
                    bytes.Insert(at, m.Value);
                    break;
                case EditKind.Delete:
                    bytes.RemoveRange(at, Math.Min(m.Length, bytes.Count - at));
                    break;
                case EditKind.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case EditKind.Repeat:
                    var slice = bytes.Skip(at).Take(m.Length).ToList();
                    bytes.InsertRange(at, slice);
                    break;
                case EditKind.Token:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(m.Token));
                    break;
                default:
                    break;
            }
        }

        return [.. bytes];
    }

    public enum EditKind
    {
        Flip,
        Insert,
        Delete,
        Truncate,
        Repeat,
        Token,
    }

    public sealed record Mutation(EditKind Kind, double At, int Length, byte Value, string Token);
}
