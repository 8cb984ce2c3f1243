using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// A buffer's item ids, in order of first appearance, kept as the UTF-8 bytes of one growing array and found through an
/// open-addressing table of (hash, index) pairs. A table of a million items then costs a few large arrays instead of a
/// million strings and dictionary entries, which the GC traced and promoted while the file was still being read
/// (docs/PERFORMANCE.md, "Where the CSV reader's time goes"); the strings are made once, when the buffer's outcomes are.
/// Bytes rather than characters: a CSV field is UTF-8 already (no decoding per row) and an ASCII id costs half.
/// </summary>
internal sealed class ItemIds
{
    // Empty until the first id: a per-benchmark table (a leaderboard of 200,000 rows) has a buffer per row and no item in
    // any of them, and ~3 KB of arrays each made ranking 1,000 models × 200 benchmarks hold 1 GB instead of 0.26.
    private byte[] bytes = [];
    private int[] ends = [];

    // Each entry is (hash << 32) | (index + 1); 0 is empty. At most half full, so a probe finds a gap soon.
    private long[] table = [];

    // Where an id given as characters is encoded (the JSON readers' ids: strings already, so not the hot path).
    private byte[] scratch = [];

    public int Count { get; private set; }

    /// <summary>The index of <paramref name="id"/>, added at the end if it is new (then <paramref name="added"/> is true).</summary>
    /// <remarks>
    /// An id is the same id as its UTF-8 bytes. The readers' strings come from System.Text.Json, which refuses a lone
    /// surrogate, and from the strict CSV decoder, so no two ids meet in one replacement character.
    /// </remarks>
    public int IndexOf(ReadOnlySpan<char> id, out bool added)
    {
        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (scratch.Length < length)
        {
            scratch = new byte[Math.Max(length, 256)];
        }

        return IndexOf(scratch.AsSpan(0, Encoding.UTF8.GetBytes(id, scratch)), out added);
    }

    /// <inheritdoc cref="IndexOf(ReadOnlySpan{char}, out bool)"/>
    public int IndexOf(ReadOnlySpan<byte> utf8, out bool added) => IndexOf(utf8, Hash(utf8), out added);

    /// <summary>
    /// The hash of an id that <see cref="IndexOf(ReadOnlySpan{byte}, int, out bool)"/> will be asked about soon, its
    /// table slot asked of the memory now. A million ids' table is larger than the cache, so the slot is a cache miss
    /// for nearly every new id (~100 ns, half the CSV reader's budget per row): the CSV reader parses the row's numbers
    /// meanwhile (docs/PERFORMANCE.md, "The CSV reader's id table").
    /// </summary>
    public unsafe int Prefetch(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (Sse.IsSupported && table.Length > 0)
        {
            fixed (long* slot = &table[hash & (table.Length - 1)])
            {
                Sse.Prefetch0(slot);
            }
        }

        return hash;
    }

    /// <summary><see cref="IndexOf(ReadOnlySpan{byte}, out bool)"/> with the hash <see cref="Prefetch"/> gave, the table unchanged since.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8, int hash, out bool added)
    {
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
                Append(utf8);
                return Count - 1;
            }

            var index = (int)(uint)entry - 1;
            if ((int)(entry >> 32) == hash && Bytes(index).SequenceEqual(utf8))
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
            result[i] = Encoding.UTF8.GetString(Bytes(i));
        }

        return result;
    }

    // Randomised per process, as string hashes are, so no file can be made to collide; the order of ids never depends on it.
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private ReadOnlySpan<byte> Bytes(int index)
    {
        var start = index == 0 ? 0 : ends[index - 1];
        return bytes.AsSpan(start, ends[index] - start);
    }

    private void Append(ReadOnlySpan<byte> id)
    {
        var start = Count == 0 ? 0 : ends[Count - 1];
        if (start + id.Length > bytes.Length)
        {
            var grown = new byte[Math.Max(Math.Max(bytes.Length * 2, 1 << 10), start + id.Length)];
            bytes.AsSpan(0, start).CopyTo(grown);
            bytes = grown;
        }

        if (Count == ends.Length)
        {
            var grown = new int[Math.Max(ends.Length * 2, 1 << 6)];
            ends.CopyTo(grown, 0);
            ends = grown;
        }

        id.CopyTo(bytes.AsSpan(start));
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
