using Mpg.Gate.Ingest;

namespace Mpg.Gate.Scoring;

/// <summary>
/// A leaf whose items were answered several times (Inspect epochs, promptfoo repeat, repeated items in JSONL/CSV,
/// lm-eval repeats): <see cref="K"/> answers per item (the most any item has), <see cref="Flaky"/> items whose answers
/// disagree, and the shares of items correct on every answer (<see cref="PassAll"/>, pass^k) and on at least one
/// (<see cref="PassAny"/>, pass@k). The leaf's score stays the mean over repeats per item; n counts items.
/// </summary>
public sealed record RepeatSummary(int K, int Flaky, double PassAll, double PassAny)
{
    /// <returns>Null where no item was answered more than once.</returns>
    public static RepeatSummary? Of(IReadOnlyList<ItemOutcome>? items)
    {
        if (items is null || items.Count == 0 || !items.Any(i => i.Repeats is not null))
        {
            return null;
        }

        static (double Min, double Max) Range(ItemOutcome i) => i.Repeats is { } r ? (r.Min, r.Max) : (i.Score, i.Score);
        return new RepeatSummary(
            items.Max(i => i.Repeats?.K ?? 1),
            items.Count(i => Range(i).Min != Range(i).Max),
            (double)items.Count(i => Range(i).Min >= 1) / items.Count,
            (double)items.Count(i => Range(i).Max >= 1) / items.Count);
    }
}
