namespace Mpg.Gate.Ingest.LmEval;

/// <summary>
/// One large samples file on several cores. The caller reads it into blocks of whole lines, each block's lines are
/// fast-scanned by a task (the scan is most of the time per line), and the caller applies the blocks in file order, so
/// the items, and the first error, are the single pass's. The blocks are a bounded ring of reused buffers: a fresh
/// 8 MiB array per block cost 0.2–0.4 s per GiB in large-object churn (docs/PERFORMANCE.md, ingest).
/// </summary>
internal static class SampleBlocks
{
    public const int DefaultBytes = 8 << 20;

    /// <summary>Splitting pays only with a second core and more than two blocks of file.</summary>
    public static bool Worth(long length, int threads, int blockBytes) => threads > 1 && length > 2L * blockBytes;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, and calls <paramref name="apply"/> with each block's lines, the
    /// number of lines before the block and the block's count of lines (blank ones included), in file order.
    /// </summary>
    public static void Read(Stream stream, int threads, int blockBytes, bool fast, Action<ScannedLines, long, long> apply)
    {
        // At most `threads` scans at once, and twice that many blocks read ahead of the apply.
        var scans = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, threads).ConcurrentScheduler;
        var pending = new Queue<(Block Block, Task Scan)>();
        var free = new Stack<Block>();
        long linesBefore = 0;

        void ApplyOldest()
        {
            var (block, scan) = pending.Dequeue();
            scan.GetAwaiter().GetResult();
            apply(block.Lines, linesBefore, block.LineCount);
            linesBefore += block.LineCount;
            block.Lines.Clear();
            if (block.Buffer.Length == blockBytes)
            {
                free.Push(block); // one grown for a long line is let go, not kept at its size
            }
        }

        var carry = Array.Empty<byte>(); // the bytes after the last line end read so far: the next block's start
        var carried = 0;
        var first = true;
        var eof = false;
        while (!eof)
        {
            var block = free.Count > 0 ? free.Pop() : new Block(blockBytes, fast);
            int length;
            try
            {
                length = block.Fill(stream, carry.AsSpan(0, carried), out eof);
            }
            catch (IOException)
            {
                // The lines before the fault are applied first: an error among them is the one the single pass meets first.
                while (pending.Count > 0)
                {
                    ApplyOldest();
                }

                throw;
            }

            var cut = eof ? length : block.Buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
            carried = length - cut;
            if (carry.Length < carried)
            {
                carry = new byte[Math.Max(carried, blockBytes)];
            }

            block.Buffer.AsSpan(cut, carried).CopyTo(carry);
            if (cut == 0)
            {
                break; // the end of the file, and nothing after the last block
            }

            var stripBom = first;
            first = false;
            pending.Enqueue((block, Task.Factory.StartNew(() => block.Scan(cut, stripBom), CancellationToken.None, TaskCreationOptions.None, scans)));
            if (pending.Count >= 2 * threads)
            {
                ApplyOldest();
            }
        }

        while (pending.Count > 0)
        {
            ApplyOldest();
        }
    }

    private sealed class Block(int bytes, bool fast)
    {
        public byte[] Buffer { get; private set; } = new byte[bytes];

        public ScannedLines Lines { get; } = new(fast);

        public long LineCount { get; private set; }

        /// <summary>
        /// <paramref name="carried"/> and then the stream's bytes, until the buffer is full or the file ends; grown, as
        /// <see cref="ByteLines"/> grows its buffer, while it holds no line end.
        /// </summary>
        public int Fill(Stream stream, ReadOnlySpan<byte> carried, out bool eof)
        {
            while (Buffer.Length <= carried.Length)
            {
                Buffer = new byte[Buffer.Length * 2];
            }

            carried.CopyTo(Buffer);
            var length = carried.Length;
            eof = false;
            while (true)
            {
                while (length < Buffer.Length)
                {
                    var read = stream.Read(Buffer, length, Buffer.Length - length);
                    if (read == 0)
                    {
                        eof = true;
                        return length;
                    }

                    length += read;
                }

                if (Buffer.AsSpan(0, length).LastIndexOf((byte)'\n') >= 0)
                {
                    return length;
                }

                if (Buffer.Length >= LineLimit.MaxLength)
                {
                    throw new IOException(ByteLines.TooLong);
                }

                var grown = new byte[Buffer.Length * 2];
                Buffer.AsSpan(0, length).CopyTo(grown);
                Buffer = grown;
            }
        }

        /// <summary>The first <paramref name="length"/> bytes (whole lines) into <see cref="Lines"/>, cut and trimmed as <see cref="ByteLines"/> does.</summary>
        public void Scan(int length, bool stripBom)
        {
            var bytes = Buffer.AsMemory(0, length);
            long number = 0;
            var start = 0;
            while (start < length)
            {
                var newline = bytes.Span[start..].IndexOf((byte)'\n');
                var end = newline < 0 ? length : start + newline;
                var line = bytes[start..end];
                if (number == 0 && stripBom && line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    line = line[3..];
                }

                Lines.Add(++number, line.Span.EndsWith("\r"u8) ? line[..^1] : line);
                start = end + 1;
            }

            LineCount = number;
        }
    }
}
