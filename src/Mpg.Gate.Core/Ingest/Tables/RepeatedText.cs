using System.Text;

namespace Mpg.Gate.Ingest;

/// <summary>
/// The string of a CSV column whose bytes mostly repeat from row to row (model, benchmark, cluster): made once and
/// handed out again while the bytes are the last row's, so a million rows of one model and benchmark make two strings,
/// not two million.
/// </summary>
internal sealed class RepeatedText
{
    private byte[] bytes = [];
    private int length;
    private string? text;

    public string Of(ReadOnlySpan<byte> utf8)
    {
        if (text is not null && utf8.SequenceEqual(bytes.AsSpan(0, length)))
        {
            return text;
        }

        if (bytes.Length < utf8.Length)
        {
            bytes = new byte[utf8.Length];
        }

        utf8.CopyTo(bytes);
        length = utf8.Length;
        return text = Encoding.UTF8.GetString(utf8);
    }
}
