namespace Mpg.Gate.Ingest;

/// <summary>
/// Python's <c>json.dumps</c> writes bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which are not JSON and make
/// System.Text.Json fail. We rewrite them to <c>null</c> (outside strings only) so such a value reads as absent.
/// Newlines are never touched, so parser line numbers still point at the original file's lines.
/// </summary>
internal static class NonFiniteJson
{
    private static readonly byte[] Null = "null"u8.ToArray();
    private static readonly byte[][] Tokens = ["-Infinity"u8.ToArray(), "Infinity"u8.ToArray(), "NaN"u8.ToArray()];

    public static ReadOnlyMemory<byte> Neutralise(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        if (span.IndexOf("NaN"u8) < 0 && span.IndexOf("Infinity"u8) < 0)
        {
            return json; // the common case: nothing to rewrite, no copy
        }

        var output = new List<byte>(span.Length + 16);
        var inString = false;
        var escaped = false;
        var i = 0;
        while (i < span.Length)
        {
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

                output.Add(b);
                i++;
                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                output.Add(b);
                i++;
                continue;
            }

            var token = TokenAt(span[i..]);
            if (token is not null)
            {
                output.AddRange(Null);
                i += token.Length;
                continue;
            }

            output.Add(b);
            i++;
        }

        return output.ToArray();
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
}
