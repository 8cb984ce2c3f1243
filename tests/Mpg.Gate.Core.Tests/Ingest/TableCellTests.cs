using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>
/// A CSV field read from its bytes (the scalar loop for short fields, the vectorised searches past 32 bytes) against the
/// same text read as a string: empty or not, its number, its score and its error, field by field.
/// </summary>
public sealed class TableCellTests
{
    private static readonly CellAt At = new("t.csv", 2, "score");

    public static TheoryData<string> Fields()
    {
        var data = new TheoryData<string>
        {
            "", " ", "\t\r\n\v\f", "0", "1", " 1 ", "\t0.5\t", "1427", "0.007716", "-0", "1e3", "1E-2", ".5", "5.", "+1",
            "true", "FALSE", " True ", "tru", "truex", "fals", "nan", "NaN", "Infinity", "-inf", "1,5", "0x10", "1 2",
            "\u00a01\u00a0", "é", "1é", "\u2003", new string(' ', 40), new string(' ', 33) + "0.25", "0.25" + new string('\t', 40),
            new string('1', 31) + "0", "0." + new string('5', 40), " " + new string('9', 31), "1" + new string(' ', 31) + "x",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Utf8Field_ReadsAsItsText(string field)
    {
        var bytes = TableCell.OfUtf8(Encoding.UTF8.GetBytes(field));
        var text = TableCell.OfText(field);
        Assert.Equal(text.IsEmpty, bytes.IsEmpty);
        Assert.Equal(Outcome(() => text.AsNumber(At)), Outcome(() => bytes.AsNumber(At)));
        Assert.Equal(Outcome(() => text.AsScore(At)), Outcome(() => bytes.AsScore(At)));
        Assert.Equal(text.AsText(), bytes.AsText());
        if (!text.IsEmpty)
        {
            var scratch = Array.Empty<byte>();
            Assert.Equal(Encoding.UTF8.GetBytes(text.AsText()!), text.Utf8(ref scratch).ToArray());
            Assert.Equal(Encoding.UTF8.GetBytes(field), bytes.Utf8(ref scratch).ToArray());
        }
    }

    // The value's bits, or the message the user would see.
    private static string Outcome(Func<double?> read)
    {
        try
        {
            return read() is { } value ? BitConverter.DoubleToInt64Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
        }
        catch (InputException ex)
        {
            return ex.Message;
        }
    }
}
