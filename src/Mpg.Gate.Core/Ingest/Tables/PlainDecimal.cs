namespace Mpg.Gate.Ingest;

/// <summary>
/// The numbers a per-item table is made of (<c>1</c>, <c>1427</c>, <c>0.007716</c>) read from their ASCII bytes without
/// the general parser, which was the largest cost of a row once its strings were gone (docs/PERFORMANCE.md). Only an
/// optional sign, digits and one decimal point, at most 15 digits: then the digits are an integer below 2^53 and the
/// divisor a power of ten below 10^22, both exact as doubles, so the one rounding of the division gives the correctly
/// rounded value, the bits <c>double.Parse</c> gives (Clinger's fast path). Anything else is left to it.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>The value of <paramref name="text"/> where it is a plain decimal; false (and nothing said) where it is not.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var at = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is (byte)'-' or (byte)'+')
        {
            negative = text[0] == '-';
            at = 1;
        }

        long digits = 0;
        int count = 0, fraction = -1;
        for (; at < text.Length; at++)
        {
            var b = text[at];
            if (b == '.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            if (b is < (byte)'0' or > (byte)'9' || ++count > MaxDigits)
            {
                return false;
            }

            digits = (digits * 10) + (b - '0');
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (count == 0)
        {
            return false;
        }

        var magnitude = fraction > 0 ? digits / PowersOfTen[fraction] : digits;
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
