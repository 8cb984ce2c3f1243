using System.Text.Json;
using System.Text.Json.Serialization;
using Mpg.Gate.Ingest;
using Mpg.Gate.Policy;
using Mpg.Gate.Scoring;
using Mpg.Gate.Comparison;

namespace Mpg.Gate.Serialization;

/// <summary>Writes verdicts as <c>mpg.verdict/1</c> JSON, and reads them back (the history keeps them; the site renders them).</summary>
public static class VerdictFile
{
    public static string ToJson(Verdict verdict) => JsonSerializer.Serialize(verdict, MpgJsonContext.Default.Verdict) + "\n";

    /// <summary>
    /// The verdict a file holds. Nodes come back from their flat JSON fields; the one thing the file does not keep is
    /// the standard deviation of each Δ (<see cref="DrawSummary.Sd"/> is NaN), which no report prints.
    /// </summary>
    /// <exception cref="InputException">Not JSON, or not a verdict.</exception>
    public static Verdict Parse(string text, string source)
    {
        VerdictJson? file;
        try
        {
            file = JsonSerializer.Deserialize(text, MpgJsonContext.Default.VerdictJson);
        }
        catch (JsonException e)
        {
            throw new InputException(source, $"not a valid verdict JSON ({JsonErrorText.Of(e)})", e.LineNumber + 1);
        }

        if (file is null || file.Schema != Verdict.SchemaId || file.Nodes is null || file.Rules is null || file.Fastness is null)
        {
            throw new InputException(source, $"not a verdict: expected \"schema\": \"{Verdict.SchemaId}\" with nodes, rules and fastness");
        }

        var nodes = file.Nodes.Select(n => new NodeComparison(
                n.Id, n.Parent, n.Kind, n.Gated, n.Status, n.Rule,
                n is { BaselineMean: { } b, CandidateMean: { } c, Delta: { } d, DeltaLower: { } lo, DeltaUpper: { } hi }
                    ? new DeltaStats(b, c, new DrawSummary(d, double.NaN, lo, hi), n.PRegression ?? double.NaN, n.PImprovement ?? double.NaN)
                    : null,
                new NodeItems(n.BaselineN, n.CandidateN, n.Paired, n.MatchedItems, n.OnlyBaseline, n.OnlyCandidate, n.Fixed, n.Broken, n.NEstimatedReason),
                n.Note, n.MinDetectableDrop, n.ItemsNeeded, n.ItemsNeededDrop, n.Repeats))
            .ToList();
        return new Verdict(
            file.Schema, file.Name, file.Verdict, file.CreatedAt, file.ToolVersion, file.Baseline, file.BaselineModel, file.CandidateModel,
            file.Seed, file.Samples, file.Level, file.Correction, nodes, file.Rules, file.Fastness, file.Drift, file.Trend)
        {
            Differences = file.Differences ?? [],
            Explanations = file.Explanations ?? [],
            HistoryOutage = file.HistoryOutage,
        };
    }
}

/// <summary><c>mpg.verdict/1</c> as it is read back: the verdict with its nodes flat, as the file spells them.</summary>
internal sealed record VerdictJson(
    string Schema,
    string Name,
    VerdictResult Verdict,
    string CreatedAt,
    string ToolVersion,
    string Baseline,
    string BaselineModel,
    string CandidateModel,
    int Seed,
    int Samples,
    double Level,
    Correction Correction,
    IReadOnlyList<NodeJson>? Nodes,
    IReadOnlyList<RuleOutcome>? Rules,
    FastnessComparison? Fastness,
    DriftComparison? Drift,
    IReadOnlyList<TrendPoint>? Trend,
    IReadOnlyList<Difference>? Differences,
    IReadOnlyList<Explanation>? Explanations = null,
    HistoryOutage? HistoryOutage = null);

internal sealed record NodeJson(
    string Id,
    string? Parent,
    string Kind,
    bool Gated,
    NodeStatus Status,
    string? Rule,
    string? Note,
    double? BaselineMean,
    double? CandidateMean,
    double? Delta,
    double? DeltaLower,
    double? DeltaUpper,
    double? PRegression,
    double? PImprovement,
    bool Paired,
    int? BaselineN,
    int? CandidateN,
    int? MatchedItems,
    int? OnlyBaseline,
    int? OnlyCandidate,
    int? Fixed,
    int? Broken,
    double? MinDetectableDrop,
    int? ItemsNeeded,
    double? ItemsNeededDrop,
    RepeatSummary? Repeats,
    string? NEstimatedReason = null);
