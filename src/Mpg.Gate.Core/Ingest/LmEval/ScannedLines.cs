namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// The lines of one stretch of a samples file, each fast-scanned where it can be, kept until they are applied in file
/// order. The single pass holds one line at a time; the split (<see cref="SampleBlocks"/>) one block's lines, scanned on
/// another core. Either way a line goes through <see cref="Add"/> here and <see cref="SamplesFile"/>'s one apply, so the
/// two paths cannot drift apart.
/// </summary>
internal sealed class ScannedLines(bool fast)
{
    private readonly SamplesLineScan scan = new();
    private readonly List<SampleLine> lines = [];
    private readonly List<(string Name, double? Score)> scores = [];

    /// <summary>The non-blank lines, in file order.</summary>
    public IReadOnlyList<SampleLine> Lines => lines;

    /// <summary>A scanned line's metrics and their scores (null where the value is no per-item score).</summary>
    public ReadOnlySpan<(string Name, double? Score)> Scores(in ScannedSample sample) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scores).Slice(sample.FirstScore, sample.ScoreCount);

    /// <summary>
    /// Takes one line (its bytes must stay valid until applied). A blank line is skipped; a line the fast scan reads is
    /// kept with what it found; any other is kept as it is, for the full parse (on the applying thread, so its error
    /// is the one the single pass gives).
    /// </summary>
    public void Add(long number, ReadOnlyMemory<byte> line)
    {
        if (line.Span.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }

        var neutral = NonFiniteJson.Neutralise(line);
        if (fast && scan.TryScan(neutral.Span))
        {
            var first = scores.Count;
            foreach (var name in scan.Metrics)
            {
                scores.Add((name, scan.Score(name)));
            }

            lines.Add(new SampleLine(number, neutral, new ScannedSample(scan.Id, scan.Filter, first, scores.Count - first, scan.Doc, scan.Target, scan.Answer)));
        }
        else
        {
            lines.Add(new SampleLine(number, line, null));
        }
    }

    public void Clear()
    {
        lines.Clear();
        scores.Clear();
    }
}

/// <summary>A non-blank line: its number (in its stretch, from 1), its bytes (rewritten if it had NaN), and the scan's result if it read it.</summary>
internal readonly record struct SampleLine(long Number, ReadOnlyMemory<byte> Bytes, ScannedSample? Scanned);

/// <summary>What the fast scan read from a line: its id, filter, where its scores are in <see cref="ScannedLines"/>, and its excerpt fields.</summary>
internal readonly record struct ScannedSample(DocId Id, string Filter, int FirstScore, int ScoreCount,
    (int Start, int Length) Doc, (int Start, int Length) Target, (int Start, int Length) Answer);
