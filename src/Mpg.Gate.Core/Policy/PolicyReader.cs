using System.Text.RegularExpressions;
using Mpg.Gate.Ingest;
using YamlDotNet.RepresentationModel;

namespace Mpg.Gate.Policy;

/// <summary>
/// Reads the top-level mapping of <c>mpg.yml</c> into a <see cref="GatePolicy"/>, filling defaults.
/// The keys are the contract in DESIGN.md; each section is read by one method below.
/// </summary>
internal static partial class PolicyReader
{
    public const string DefaultName = "mpg";

    private static readonly string[] TopKeys =
        ["version", "name", "samples", "seed", "level", "prior", "weighting", "inputs", "goodness",
         "fastness", "baseline", "gate", "report", "github", "history", "history_errors", "rank"];


    public static GatePolicy Read(YamlMappingNode root, string file)
    {
        var top = new MappingReader(root, file, "", TopKeys);
        var version = top.Int("version", 1, v => v == 1, "1 (the only policy version this mpg reads)");
        var name = ReadName(top);
        var samples = top.Int("samples", GatePolicy.DefaultSamples, s => s >= 100, "at least 100");
        var seed = top.Int("seed") ?? GatePolicy.DefaultSeed;
        var level = top.Double("level", GatePolicy.DefaultLevel, l => l is > 0 and < 1, "between 0 and 1 (exclusive)");
        var prior = ReadPrior(top);
        var weighting = GoodnessTreeReader.ParseWeighting(top) ?? Weighting.Equal;
        var inputs = ReadInputs(top);
        var goodness = top.Value("goodness") is null ? null : GoodnessTreeReader.Read(top, weighting);
        var fastness = ReadFastness(top);
        var gate = GateReader.Read(top, goodness);
        var report = ReadReport(top);
        var github = ReadGitHub(top);
        return new GatePolicy(
            file, version, name, samples, seed, level, prior, inputs, goodness, fastness,
            top.String("baseline"), gate, report, github, top.String("history"), weighting, ReadRank(top), top.KeySpan("history"))
        {
            HistoryErrors = top.Enum<HistoryErrors>("history_errors") ?? HistoryErrors.Fail,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex NotNameChars();

    private static string ReadName(MappingReader top)
    {
        if (top.Value("name") is { } node)
        {
            var name = top.String("name")!;
            return NamePattern().IsMatch(name)
                ? name
                : throw new PolicyException(
                    Spans.Of(top.File, node),
                    $"'name' may hold only letters, digits, '.', '_' and '-' (it names the PR comment marker), got {YamlValues.Describe(node)}",
                    NotNameChars().Replace(name, "-").Trim('-') is { Length: > 0 } fixedName ? $"did you mean '{fixedName}'?" : null);
        }

        return DefaultNameFor(top.File);
    }

    /// <summary>The policy's folder (usually the repository) names the gate when the policy does not.</summary>
    internal static string DefaultNameFor(string file)
    {
        string? folder;
        try
        {
            folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            folder = null;
        }

        var cleaned = NotNameChars().Replace(folder ?? "", "-").Trim('-');
        return cleaned.Length > 0 ? cleaned : DefaultName;
    }

    private static Prior ReadPrior(MappingReader top)
    {
        if (top.Mapping("prior", ["alpha", "beta"]) is not { } prior)
        {
            return Prior.Uniform;
        }

        return new Prior(
            prior.Double("alpha", 1, a => a > 0, "greater than 0"),
            prior.Double("beta", 1, b => b > 0, "greater than 0"));
    }

    private static List<InputSpec> ReadInputs(MappingReader top)
    {
        var inputs = new List<InputSpec>();
        if (top.Sequence("inputs", "a list of paths") is not { } list)
        {
            return inputs;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var path = $"inputs[{i}]";
            inputs.Add(item switch
            {
                YamlScalarNode { Value: { Length: > 0 } glob } when !YamlValues.IsNull(item) => new InputSpec(glob, InputFormat.Auto, Spans.Of(top.File, item)),
                YamlMappingNode mapping => ReadInput(new MappingReader(mapping, top.File, path, ["path", "format", "benchmark", "model", "scorer", "partial", "errors", "cluster_by", "value"])),
                _ => throw new PolicyException(Spans.Of(top.File, item), $"expected a path or a mapping with 'path' for '{path}', got {YamlValues.Describe(item)}"),
            });
        }

        return inputs;
    }

    private static InputSpec ReadInput(MappingReader input)
    {
        var path = input.String("path");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PolicyException(input.Span, $"'{input.Path}' needs a 'path' (a file or glob relative to the policy)");
        }

        return new InputSpec(
            path,
            input.Enum<InputFormat>("format") ?? InputFormat.Auto,
            input.Span,
            input.String("benchmark"),
            input.String("model"),
            input.String("scorer"),
            input.Double("partial", p => p is >= 0 and <= 1, "between 0 and 1"),
            input.Enum<ErrorsMode>("errors") ?? ErrorsMode.Fail,
            input.String("cluster_by"),
            input.String("value"));
    }

    private static FastnessSpec ReadFastness(MappingReader top)
    {
        var fastness = top.Mapping("fastness", ["metric"]);
        return fastness?.Enum<FastnessMetric>("metric") is { } metric ? new FastnessSpec(metric) : FastnessSpec.Default;
    }

    /// <summary><c>rank: { missing: drop | renormalise }</c>: what <c>mpg rank</c> does with a model lacking a benchmark.</summary>
    private static RankSpec ReadRank(MappingReader top) =>
        top.Mapping("rank", ["missing"])?.Enum<MissingBenchmarks>("missing") is { } missing ? new RankSpec(missing) : RankSpec.Default;

    private static ReportSpec ReadReport(MappingReader top) =>
        top.Mapping("report", ["markdown", "junit", "json", "examples", "excerpt_chars"]) is { } report
            ? new ReportSpec(
                report.String("markdown"),
                report.String("junit"),
                report.String("json"),
                report.Int("examples", ReportSpec.DefaultExamples, n => n is >= 0 and <= 100, "a whole number from 0 to 100"),
                report.Int("excerpt_chars", ItemExcerpt.DefaultChars, n => n is >= 0 and <= 100_000, "a whole number from 0 (no excerpts) to 100000"))
            : ReportSpec.Empty;

    private static GitHubSpec ReadGitHub(MappingReader top)
    {
        if (top.Mapping("github", ["comment", "required", "check"]) is not { } github)
        {
            return GitHubSpec.Default;
        }

        return new GitHubSpec(
            github.Enum<CommentMode>("comment") ?? GitHubSpec.Default.Comment,
            github.Bool("required") ?? GitHubSpec.Default.Required,
            github.Bool("check") ?? GitHubSpec.Default.Check);
    }
}
