using System.Globalization;
using System.Text;
using Outturn.Data.Storage;

namespace Outturn.Data.Tests;

/// <summary>Decimals written by the bulk insert must be the exact text EF Core writes through
/// <see cref="ExactDecimalText"/>: the figure as entered, trailing zeros and all, so that "8.0" prints as
/// 8.0.</summary>
public sealed class DecimalTextTests
{
    private static readonly ExactDecimalText Ef = new();

    private static string EfWrites(decimal value) => (string)Ef.ConvertToProvider(value)!;

    private static string Written(decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        return Encoding.UTF8.GetString(text[..SqliteBulkInsert.FormatDecimal(value, text)]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0.5")]
    [InlineData("75")]
    [InlineData("75.0")]
    [InlineData("75.50")]
    [InlineData("-3.25")]
    [InlineData("100000")]
    [InlineData("15.873016")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1234567890.1234567890123456789")]
    public void Written_as_EF_writes_it(string value)
    {
        var d = decimal.Parse(value, CultureInfo.InvariantCulture);
        Assert.Equal(EfWrites(d), Written(d));
        Assert.Equal(value, Written(d));
        Assert.Equal(d.Scale, ((decimal)Ef.ConvertFromProvider(Written(d))!).Scale);
    }

    [Fact]
    public void Written_as_EF_writes_it_for_many_random_values_and_scales()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 100_000; i++)
        {
            var d = new decimal(
                random.Next(),
                random.Next(),
                random.Next(4) == 0 ? random.Next() : 0,
                random.Next(2) == 0,
                (byte)random.Next(29)
            );
            Assert.Equal(EfWrites(d), Written(d));
        }
    }
}
