using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Ranking;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Jobs;

/// <summary>What <c>mpg rank</c> is asked, beyond the policy.</summary>
/// <param name="Reference">A CSV with the columns <c>model</c> and <c>score</c>, relative to the working directory.</param>
/// <param name="ReferenceMap">A CSV with the columns <c>model</c> and <c>reference</c>: the reference's name for an input model.</param>
/// <param name="Models">Entries given one by one (a checkpoint's folder each): every run in the path is one entry under the label.</param>
public sealed record RankRequest(IReadOnlyList<string> Inputs, MissingBenchmarks Missing, string? Reference = null, string? ReferenceMap = null, bool FitWeights = false,
    IReadOnlyList<ModelInput>? Models = null);

/// <summary>One entry to rank, named by the user: the runs at <see cref="Path"/> (a folder, file or glob) as one model called <see cref="Label"/>.</summary>
public sealed record ModelInput(string Label, string Path);

/// <summary><c>mpg rank</c> without the console: read every run of the inputs, rank them, validate against the reference.</summary>
public static class RankJob
{
    public static (Ranking.Ranking Ranking, PolicyNode Tree) Run(GatePolicy policy, RankRequest request, string workingDirectory, string toolVersion, DateTimeOffset now,
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
        var models = request.Models ?? [];
        var entries = new List<RankEntry>();
        if (request.Inputs.Count > 0 || models.Count == 0)
        {
            entries.AddRange(RankEntry.From(RunLoader.LoadEach(policy, request.Inputs, workingDirectory, progress)));
        }

        entries.AddRange(models.Select(m => Named(policy, m, workingDirectory, progress)));
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

    /// <summary>
    /// The run at a named path as one entry whatever model name its files carry (checkpoints are often all called
    /// "./model"); more than one run there is an input error, as ranking them as one would mix them.
    /// </summary>
    private static RankEntry Named(GatePolicy policy, ModelInput model, string workingDirectory, IProgress<long>? progress)
    {
        var runs = RunLoader.LoadEach(policy, [model.Path], workingDirectory, progress);
        if (runs.Count != 1)
        {
            var found = string.Join(", ", RankEntry.From(runs).Select(e => e.Label));
            throw new InputException(Path.GetFullPath(model.Path, workingDirectory),
                runs.Count == 0 ? $"no eval results for model '{model.Label}'" : $"holds {runs.Count} runs ({found}), not one, for model '{model.Label}'; give each run its own folder");
        }

        var (run, time) = runs[0];
        return new RankEntry(model.Label, time, run with { Model = model.Label });
    }
}
