namespace Mpg.Gate.Ingest;

/// <summary>
/// A buffer's item ids, in order of first appearance, kept as the characters of one growing array and found through an
/// open-addressing table of (hash, index) pairs. A table of a million items then costs a few large arrays instead of a
/// million strings and dictionary entries, which the GC traced and promoted while the file was still being read
/// (docs/PERFORMANCE.md, "Where the CSV reader's time goes"); the strings are made once, when the buffer's outcomes are.
/// </summary>
internal sealed class ItemIds
{
    // Empty until the first id: a per-benchmark table (a leaderboard of 200,000 rows) has a buffer per row and no item in
    // any of them, and ~3 KB of arrays each made ranking 1,000 models × 200 benchmarks hold 1 GB instead of 0.26.
    private char[] chars = [];
    private int[] ends = [];

    // Each entry is (hash << 32) | (index + 1); 0 is empty. At most half full, so a probe finds a gap soon.
    private long[] table = [];

    public int Count { get; private set; }

    /// <summary>The index of <paramref name="id"/>, added at the end if it is new (then <paramref name="added"/> is true).</summary>
    public int IndexOf(ReadOnlySpan<char> id, out bool added)
    {
        var hash = string.GetHashCode(id, StringComparison.Ordinal);
        if (table.Length == 0)
        {
            table = new long[1 << 7];
        }

        var mask = table.Length - 1;
        for (var at = hash & mask; ; at = (at + 1) & mask)
        {
            var entry = table[at];
            if (entry == 0)
            {
                table[at] = ((long)hash << 32) | (uint)(Count + 1);
                added = true;
                Append(id);
                return Count - 1;
            }

            var index = (int)(uint)entry - 1;
            if ((int)(entry >> 32) == hash && Chars(chars, ends, index).SequenceEqual(id))
            {
                added = false;
                return index;
            }
        }
    }

    /// <summary>
    /// The ids so far as strings, made here once: the scorecard reads every id several times (pairing, the duplicate
    /// check, the file), and a view making a string per access made each of them again every time.
    /// </summary>
    public string[] ToArray()
    {
        var result = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = new string(Chars(chars, ends, i));
        }

        return result;
    }

    private static ReadOnlySpan<char> Chars(char[] chars, int[] ends, int index)
    {
        var start = index == 0 ? 0 : ends[index - 1];
        return chars.AsSpan(start, ends[index] - start);
    }

    private void Append(ReadOnlySpan<char> id)
    {
        var start = Count == 0 ? 0 : ends[Count - 1];
        if (start + id.Length > chars.Length)
        {
            var grown = new char[Math.Max(Math.Max(chars.Length * 2, 1 << 10), start + id.Length)];
            chars.AsSpan(0, start).CopyTo(grown);
            chars = grown;
        }

        if (Count == ends.Length)
        {
            var grown = new int[Math.Max(ends.Length * 2, 1 << 6)];
            ends.CopyTo(grown, 0);
            ends = grown;
        }

        id.CopyTo(chars.AsSpan(start));
        ends[Count] = start + id.Length;
        Count++;
        if (Count * 2 > table.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        var grown = new long[table.Length * 2];
        var mask = grown.Length - 1;
        foreach (var entry in table)
        {
            if (entry == 0)
            {
                continue;
            }

            var at = (int)(entry >> 32) & mask;
            while (grown[at] != 0)
            {
                at = (at + 1) & mask;
            }

            grown[at] = entry;
        }

        table = grown;
    }
}
