using System.Buffers;

namespace Mpg.Gate.Ingest;

/// <summary>
/// A read-only stream over JSON that rewrites bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (outside strings)
/// to <c>null</c> as it is read, the one rewriter behind <see cref="NonFiniteJson.Neutralise"/> too. The in-string and
/// escape state is kept across reads, and a possible partial token at the end of a read is held back until the next.
/// </summary>
internal sealed class NonFiniteJsonStream(Stream source) : ReadOnlyStream(source)
{
    private static readonly byte[][] Tokens = ["-Infinity"u8.ToArray(), "Infinity"u8.ToArray(), "NaN"u8.ToArray()];

    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> OutsideString = SearchValues.Create("\"NI-"u8);

    private byte[] input = [];
    private byte[] held = [];
    private byte[] output = [];
    private int outputStart;
    private int outputEnd;
    private bool inString;
    private bool escaped;
    private bool innerDone;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (outputStart == outputEnd)
        {
            if (innerDone)
            {
                return 0;
            }

            Pull(buffer.Length);
        }

        var n = Math.Min(buffer.Length, outputEnd - outputStart);
        output.AsSpan(outputStart, n).CopyTo(buffer);
        outputStart += n;
        return n;
    }

    /// <summary>Reads one chunk from the inner stream and rewrites it (with any held-back bytes in front) into the output.</summary>
    private void Pull(int want)
    {
        var size = held.Length + Math.Max(want, 1);
        if (input.Length < size)
        {
            input = new byte[size];
        }

        held.CopyTo(input, 0);
        var read = Inner.Read(input, held.Length, size - held.Length);
        if (read == 0)
        {
            innerDone = true;
        }

        var length = held.Length + read;
        held = [];
        if (output.Length < length * 2)
        {
            output = new byte[length * 2];
        }

        outputStart = 0;
        outputEnd = 0;
        Rewrite(input.AsSpan(0, length), innerDone);
    }

    private void Rewrite(ReadOnlySpan<byte> span, bool final)
    {
        var i = 0;
        while (i < span.Length)
        {
            // Copy the stretch up to the next byte that matters in one go (vectorised search).
            var skip = span[i..].IndexOfAny(inString ? InString : OutsideString);
            var plain = skip < 0 ? span.Length - i : skip;
            if (escaped && plain > 0)
            {
                plain = 0; // the byte after a backslash is consumed below, whatever it is
            }

            span.Slice(i, plain).CopyTo(output.AsSpan(outputEnd));
            outputEnd += plain;
            i += plain;
            if (i == span.Length)
            {
                break;
            }

            var b = span[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                output[outputEnd++] = b;
                i++;
                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                output[outputEnd++] = b;
                i++;
                continue;
            }

            if (b is (byte)'N' or (byte)'I' or (byte)'-')
            {
                var rest = span[i..];
                if (TokenAt(rest) is { } token)
                {
                    "null"u8.CopyTo(output.AsSpan(outputEnd));
                    outputEnd += 4;
                    i += token.Length;
                    continue;
                }

                if (!final && IsPartialToken(rest))
                {
                    held = rest.ToArray();
                    return;
                }
            }

            output[outputEnd++] = b;
            i++;
        }
    }

    private static byte[]? TokenAt(ReadOnlySpan<byte> rest)
    {
        foreach (var token in Tokens)
        {
            if (rest.StartsWith(token))
            {
                return token;
            }
        }

        return null;
    }

    private static bool IsPartialToken(ReadOnlySpan<byte> rest)
    {
        foreach (var token in Tokens)
        {
            if (rest.Length < token.Length && token.AsSpan().StartsWith(rest))
            {
                return true;
            }
        }

        return false;
    }
}
