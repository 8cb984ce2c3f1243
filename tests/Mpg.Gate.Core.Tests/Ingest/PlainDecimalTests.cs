using System.Globalization;
using System.Text;
using Mpg.Gate.Ingest;

namespace Mpg.Gate.Core.Tests.Ingest;

/// <summary>PlainDecimal gives double.Parse's bits for every decimal it takes, and leaves every other text to it.</summary>
public sealed class PlainDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+7")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("007")]
    [InlineData("0.1")]
    [InlineData("0.007716")]
    [InlineData("999999999999999")]
    [InlineData("0.99999999999999")]
    [InlineData("-.00000000000001")]
    [InlineData("1427")]
    public void APlainDecimal_IsDoubleParsesBits(string text)
    {
        Assert.True(PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("1234567890123456")]
    [InlineData("0.999999999999999")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(" 1")]
    public void AnythingElse_IsLeftToDoubleParse(string text) => Assert.False(PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void SeededDecimals_AreDoubleParsesBits()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = new string(Enumerable.Range(0, random.Next(1, 16)).Select(_ => (char)('0' + random.Next(10))).ToArray());
            var point = random.Next(digits.Length + 1);
            var text = (random.Next(3) == 0 ? "-" : "") + digits[..point] + (random.Next(4) == 0 ? "" : ".") + digits[point..];
            if (PlainDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value))
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
            }
        }
    }
}
