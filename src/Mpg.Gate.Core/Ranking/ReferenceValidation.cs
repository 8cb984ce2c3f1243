using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;

namespace Mpg.Gate.Ranking;

/// <summary>
/// How well a ranking agrees with a reference: Pearson, Spearman and Kendall τ-b of Goodness and of every leaf with
/// the reference scores, each with a percentile bootstrap interval over models (seeded), and for each leaf the
/// difference from Goodness on the same resamples, which says whether the aggregate beats that single benchmark.
/// </summary>
public static class ReferenceValidation
{
    public const int MinimumModels = 5;
    public const int Resamples = 2000;
    private const string Stream = "bootstrap";

    /// <exception cref="InputException">Fewer than <see cref="MinimumModels"/> ranked models are in the reference.</exception>
    public static Ranking Validate(Ranking ranking, PolicyNode tree, ReferenceScores reference, IReadOnlyDictionary<string, string>? map, bool fitWeights)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(reference);
        var matched = new List<(RankedModel Model, double Score)>();
        var notInReference = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in ranking.Models)
        {
            var name = ReferenceName(model, map);
            if (reference.Scores.TryGetValue(name, out var score))
            {
                matched.Add((model, score));
                used.Add(name);
            }
            else
            {
                notInReference.Add(model.Label);
            }
        }

        var notInInputs = reference.Scores.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (matched.Count < MinimumModels)
        {
            throw new TooFewInReferenceException(
                reference.File,
                $"only {matched.Count} of the ranked models are in the reference (at least {MinimumModels} are needed for a correlation); "
                + $"not in it: {List(notInReference)}; its models: {List(reference.Scores.Keys.Order(StringComparer.Ordinal).ToList())}");
        }

        var y = matched.Select(m => m.Score).ToArray();
        var goodness = matched.Select(m => m.Model.Goodness.Mean).ToArray();
        var correlations = new List<CorrelationResult> { Correlate(PolicyNode.RootId, goodness, y, null, ranking.Seed, ranking.Level, reference.File) };
        var notes = ranking.Notes.ToList();
        foreach (var leaf in tree.Leaves())
        {
            var having = matched.Where(m => m.Model.Nodes.ContainsKey(leaf.Id)).ToList();
            if (having.Count < MinimumModels)
            {
                notes.Add($"leaf '{leaf.Id}': only {having.Count} models in the reference have it, no correlation");
                continue;
            }

            correlations.Add(Correlate(
                leaf.Id,
                having.Select(m => m.Model.Nodes[leaf.Id].Mean).ToArray(),
                having.Select(m => m.Score).ToArray(),
                having.Select(m => m.Model.Goodness.Mean).ToArray(),
                ranking.Seed,
                ranking.Level,
                reference.File));
        }

        var fit = fitWeights ? WeightFit.Fit(tree, matched, reference.File) : null;
        return ranking with
        {
            Reference = new ReferenceSummary(reference.File, matched.Count, notInReference, notInInputs),
            Correlations = correlations,
            Fit = fit,
            Notes = notes,
        };
    }

    /// <summary>The reference's name for a model: the map's, by label then by model, else the model's own.</summary>
    private static string ReferenceName(RankedModel model, IReadOnlyDictionary<string, string>? map) =>
        map is not null && (map.TryGetValue(model.Label, out var mapped) || map.TryGetValue(model.Model, out mapped)) ? mapped : model.Model;

    /// <param name="goodness">For a leaf, Goodness of the same models, for the paired difference; null for Goodness itself.</param>
    private static CorrelationResult Correlate(string of, double[] x, double[] y, double[]? goodness, int seed, double level, string file)
    {
        var random = TreeSampler.RandomFor(seed, Stream, of);
        var n = x.Length;
        var stats = new List<double>[3];
        var differences = new List<double>[3];
        for (var k = 0; k < 3; k++)
        {
            stats[k] = new List<double>(Resamples);
            differences[k] = new List<double>(Resamples);
        }

        var bx = new double[n];
        var by = new double[n];
        var bg = new double[n];
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                bx[i] = x[pick];
                by[i] = y[pick];
                if (goodness is not null)
                {
                    bg[i] = goodness[pick];
                }
            }

            var own = All(bx, by);
            var aggregate = goodness is null ? null : All(bg, by);
            for (var k = 0; k < 3; k++)
            {
                // A resample in which one side is constant has no correlation; it is left out, not counted as 0.
                if (double.IsFinite(own[k]))
                {
                    stats[k].Add(own[k]);
                }

                if (aggregate is not null && double.IsFinite(own[k]) && double.IsFinite(aggregate[k]))
                {
                    differences[k].Add(aggregate[k] - own[k]);
                }
            }
        }

        var point = All(x, y);
        var result = new CorrelationResult(of, n, Interval(point[0], stats[0], level, file, of), Interval(point[1], stats[1], level, file, of), Interval(point[2], stats[2], level, file, of));
        if (goodness is null)
        {
            return result;
        }

        var g = All(goodness, y);
        return result with
        {
            GoodnessMinusThis = new CorrelationTriple(
                Interval(g[0] - point[0], differences[0], level, file, of),
                Interval(g[1] - point[1], differences[1], level, file, of),
                Interval(g[2] - point[2], differences[2], level, file, of)),
        };
    }

    private static double[] All(double[] x, double[] y) =>
        [Correlation.Pearson(x, y), Correlation.Spearman(x, y), Correlation.KendallTauB(x, y)];

    private static Estimate Interval(double value, List<double> resampled, double level, string file, string of)
    {
        if (!double.IsFinite(value) || resampled.Count == 0)
        {
            throw new InputException(file, $"the correlation of '{of}' with the reference is undefined: the scores or the reference are the same for every model in common");
        }

        var sorted = resampled.Order().ToArray();
        var tail = (1 - level) / 2;
        return new Estimate(value, DrawSummary.Quantile(sorted, tail), DrawSummary.Quantile(sorted, 1 - tail));
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count == 0 ? "none" : names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $" and {names.Count - 12} more";
}
