using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Jobs;
using Mpg.Gate.Scoring;
using Mpg.Gate.Serialization;

namespace Mpg.Gate.Ranking;

/// <summary>What <c>mpg rank</c> is asked, beyond the policy.</summary>
/// <param name="Reference">A CSV with the columns <c>model</c> and <c>score</c>, relative to the working directory.</param>
/// <param name="ReferenceMap">A CSV with the columns <c>model</c> and <c>reference</c>: the reference's name for an input model.</param>
public sealed record RankRequest(IReadOnlyList<string> Inputs, MissingBenchmarks Missing, string? Reference = null, string? ReferenceMap = null, bool FitWeights = false);

/// <summary><c>mpg rank</c> without the console: read every run of the inputs, rank them, validate against the reference.</summary>
public static class RankJob
{
    public static (Ranking Ranking, PolicyNode Tree) Run(GatePolicy policy, RankRequest request, string workingDirectory, string toolVersion, DateTimeOffset now,
        Action<string>? notify = null, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        if (request.FitWeights && request.Reference is null)
        {
            throw new PolicyException(SourceSpan.None(policy.File), "--fit-weights needs --reference (the scores to fit the weights to)");
        }

        // Reference files are read before the (longer) scoring, so a bad one fails fast.
        var reference = request.Reference is { } file ? ReferenceScores.Read(Path.GetFullPath(file, workingDirectory)) : null;
        var map = request.ReferenceMap is { } mapFile ? ReferenceScores.ReadMap(Path.GetFullPath(mapFile, workingDirectory)) : null;
        var entries = RankEntry.From(RunLoader.LoadEach(policy, request.Inputs, workingDirectory, progress));
        if (entries.Count == 0)
        {
            throw new InputException(RunLoader.ResolveFiles(policy, request.Inputs, workingDirectory).FirstOrDefault() ?? policy.File, "no eval results found in the inputs");
        }

        foreach (var note in entries.SelectMany(e => e.Run.Notes).Distinct(StringComparer.Ordinal))
        {
            notify?.Invoke(note);
        }

        if (policy.Goodness is not null)
        {
            PolicyValidator.CheckBenchmarks(policy, entries.SelectMany(e => e.Run.Benchmarks.Select(b => b.Name)).Distinct(StringComparer.Ordinal).ToList());
        }

        var tree = Ranker.TreeFor(policy, entries, request.Missing);
        var ranking = Ranker.Rank(policy, tree, entries, request.Missing, new ScoreContext(toolVersion, now, ScoreJob.PolicyHash(policy.File), policy.Directory));
        if (reference is not null)
        {
            ranking = ReferenceValidation.Validate(ranking, tree, reference with { File = ScoreContext.RelativePath(workingDirectory, reference.File) }, map, request.FitWeights);
        }

        return (ranking, tree);
    }

    public static string ToJson(Ranking ranking) =>
        System.Text.Json.JsonSerializer.Serialize(ranking, MpgJsonContext.Default.Ranking) + "\n";

    /// <summary>A ranking written by <c>mpg rank --json</c> (or <c>--html</c>), read back for the site.</summary>
    /// <exception cref="InputException">Missing, unreadable, not JSON, or not a ranking.</exception>
    public static Ranking Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, e is FileNotFoundException or DirectoryNotFoundException ? "ranking not found (write one with 'mpg rank --json FILE' or 'mpg rank --html DIR')" : $"cannot read the ranking: {e.Message}");
        }

        Ranking? ranking;
        try
        {
            ranking = System.Text.Json.JsonSerializer.Deserialize(text, MpgJsonContext.Default.Ranking);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InputException(path, $"not a valid ranking JSON ({JsonErrorText.Of(e)})", e.LineNumber + 1);
        }

        return ranking is { Schema: Ranking.SchemaId, Models: not null }
            ? ranking with { Dropped = ranking.Dropped ?? [], Notes = ranking.Notes ?? [] }
            : throw new InputException(path, $"not a ranking: expected \"schema\": \"{Ranking.SchemaId}\", got {(ranking?.Schema is { } s ? $"\"{s}\"" : "none")}");
    }
}
