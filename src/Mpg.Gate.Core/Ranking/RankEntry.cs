using Mpg.Gate.Ingest;

namespace Mpg.Gate.Ranking;

/// <summary>One run to rank. A model with several runs (a rerun) has several entries, told apart by <see cref="RunTime"/>.</summary>
public sealed record RankEntry(string Label, string? RunTime, EvalRun Run)
{
    public string Model => Run.Model;

    /// <summary>Entries for the runs of the inputs; a model with more than one run is labelled by model and run time.</summary>
    public static IReadOnlyList<RankEntry> From(IReadOnlyList<(EvalRun Run, string? RunTime)> runs)
    {
        var reruns = runs.GroupBy(r => r.Run.Model, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return runs.Select(r => new RankEntry(
                reruns.Contains(r.Run.Model) ? $"{r.Run.Model} @ {ReadableTime(r.RunTime)}" : r.Run.Model,
                r.RunTime is null ? null : ReadableTime(r.RunTime),
                r.Run))
            .ToList();
    }

    /// <summary><c>2025-03-03T02-29-42.286969</c> (the harness's file-name form) → <c>2025-03-03T02:29:42</c>.</summary>
    private static string ReadableTime(string? stamp)
    {
        if (stamp is null)
        {
            return "run";
        }

        var t = stamp.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return stamp;
        }

        var clock = stamp[(t + 1)..];
        var dot = clock.IndexOf('.', StringComparison.Ordinal);
        clock = (dot < 0 ? clock : clock[..dot]).Replace('-', ':');
        return stamp[..(t + 1)] + clock;
    }
}
