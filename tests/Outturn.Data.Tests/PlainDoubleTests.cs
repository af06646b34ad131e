using System.Globalization;
using Outturn.Data.Interchange;

namespace Outturn.Data.Tests;

/// <summary>The fast reading of plain decimals gives, bit for bit, the double .NET's full parse gives, and leaves
/// every other text to it.</summary>
public class PlainDoubleTests
{
    private static double Parsed(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("65.2")]
    [InlineData("-3")]
    [InlineData("17152")]
    [InlineData("0.00000000000001")]
    [InlineData("999999999999999")]
    [InlineData("99999999999999.9")]
    [InlineData("0.30000000000000")]
    [InlineData("007.50")]
    [InlineData("-123456.789012345")]
    public void A_plain_decimal_is_the_double_the_full_parse_gives(string text)
    {
        Assert.True(PlainDouble.TryParse(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Parsed(text)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1.2.3")]
    [InlineData("+5")]
    [InlineData("1e5")]
    [InlineData("1,045")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("NaN")]
    [InlineData("five")]
    public void Other_text_is_left_to_the_full_parse(string text) => Assert.False(PlainDouble.TryParse(text, out _));

    [Fact]
    public void A_hundred_thousand_random_decimals_read_as_the_full_parse_reads_them()
    {
        var random = new Random(20261208);
        for (var n = 0; n < 100_000; n++)
        {
            var digits = random.Next(1, 16);
            var whole = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(digits + 1);
            var text =
                (random.Next(4) == 0 ? "-" : "")
                + (point == 0 || point == digits ? whole : $"{whole[..point]}.{whole[point..]}");

            Assert.True(PlainDouble.TryParse(text, out var value), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Parsed(text)), BitConverter.DoubleToInt64Bits(value));
        }
    }
}
