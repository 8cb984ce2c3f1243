using System.Text.Json.Serialization;

namespace Mpg.Gate.Comparison;

/// <summary>How an item moved between baseline and candidate: its score went down (<c>broken</c>) or up (<c>fixed</c>).</summary>
[JsonConverter(typeof(SpelledEnumConverter<ItemChange>))]
public enum ItemChange
{
    Broken,
    Fixed,
}

/// <summary>
/// One item both runs answered whose score changed, with what it asked and what each side answered, as the scorecards
/// kept it (<see cref="Ingest.ItemExcerpt"/>; null where the format records none or excerpts were off).
/// </summary>
public sealed record FlippedItem(
    string Benchmark,
    string Item,
    ItemChange Change,
    double BaselineScore,
    double CandidateScore,
    string? Input,
    string? Target,
    string? BaselineAnswer,
    string? CandidateAnswer)
{
    public string? BaselineReason { get; init; }

    public string? CandidateReason { get; init; }

    public string? Cluster { get; init; }

    /// <summary>Candidate − baseline score: −1 for a binary item that broke.</summary>
    [JsonIgnore]
    public double ScoreChange => CandidateScore - BaselineScore;
}

/// <summary>
/// Δ of one cluster of a benchmark (<c>cluster_by</c>: a subject, a passage), or of the whole benchmark where it has no
/// clusters (<see cref="Cluster"/> null), paired over the items both runs answered, with its credible interval.
/// </summary>
public sealed record ClusterShift(
    string Benchmark,
    string? Cluster,
    int Items,
    int Fixed,
    int Broken,
    double BaselineMean,
    double CandidateMean,
    double Delta,
    double DeltaLower,
    double DeltaUpper);

/// <summary>
/// What changed under one node: where the drop concentrates (<see cref="Shifts"/>, largest drops first) and the items
/// that flipped (largest score change first, then benchmark and id). <see cref="Broken"/> and <see cref="Fixed"/> count
/// all of them even where <see cref="Items"/> lists only some (a verdict keeps <c>report.examples</c> of each).
/// </summary>
public sealed record Explanation(
    string Node,
    int Paired,
    int Broken,
    int Fixed,
    IReadOnlyList<ClusterShift> Shifts,
    IReadOnlyList<FlippedItem> Items,
    IReadOnlyList<string> Unpaired)
{
    /// <summary>The same explanation with at most <paramref name="examples"/> broken and as many fixed items, and the <paramref name="shifts"/> largest drops.</summary>
    public Explanation Top(int examples, int shifts) => this with
    {
        Items = [.. Items.Where(i => i.Change == ItemChange.Broken).Take(examples), .. Items.Where(i => i.Change == ItemChange.Fixed).Take(examples)],
        Shifts = [.. Shifts.Take(shifts)],
    };
}

/// <summary>An item whose repeats disagree (answered <see cref="K"/> times, scores from <see cref="Lowest"/> to <see cref="Highest"/>), with what it asked and first answered.</summary>
public sealed record FlakyItem(string Benchmark, string Item, int K, double Lowest, double Highest, double Score, string? Input, string? Target, string? Answer);
