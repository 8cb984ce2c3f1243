namespace Mpg.Gate.Ingest;

/// <summary>
/// Python's <c>json.dumps</c> writes bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which are not JSON and make
/// System.Text.Json fail. We rewrite them to <c>null</c> (outside strings only) so such a value reads as absent.
/// Newlines are never touched, so parser line numbers still point at the original file's lines.
/// </summary>
internal static class NonFiniteJson
{
    public static ReadOnlyMemory<byte> Neutralise(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        if (span.IndexOf("NaN"u8) < 0 && span.IndexOf("Infinity"u8) < 0)
        {
            return json; // the common case: nothing to rewrite, no copy
        }

        // One rewriting state machine for buffers and streams: NonFiniteJsonStream's.
        using var rewritten = new NonFiniteJsonStream(new MemoryStream(json.ToArray(), writable: false));
        using var output = new MemoryStream(span.Length + 16);
        rewritten.CopyTo(output);
        return output.ToArray();
    }
}
