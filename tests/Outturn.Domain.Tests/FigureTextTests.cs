using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>Figures as the reference reports write them (shared/reference-reports: £2.0m, £125k, £10,080, 48 days,
/// 33 (per month), 4.3% Biannually (Q2 and Q4)).</summary>
public class FigureTextTests
{
    [Theory]
    [InlineData("83", Unit.Count, "83", true)]
    [InlineData("1,050", Unit.Count, "1050", true)]
    [InlineData("8.0%", Unit.Percentage, "8.0", true)]
    [InlineData("£10,080", Unit.Money, "10080", true)]
    [InlineData("£2.0m", Unit.Money, "2000000", false)]
    [InlineData("£5.07m", Unit.Money, "5070000", false)]
    [InlineData("£125k", Unit.Money, "125000", false)]
    [InlineData("£1.2bn", Unit.Money, "1200000000", false)]
    [InlineData("£1.2BN", Unit.Money, "1200000000", false)]
    [InlineData("£1.2345k", Unit.Money, "1234.5", false)]
    [InlineData("48 days", Unit.Days, "48", false)]
    [InlineData("1 day", Unit.Days, "1", false)]
    [InlineData("0.8 days", Unit.Days, "0.8", false)]
    public void Figures_are_read_with_their_magnitude_and_unit(string text, Unit unit, string expected, bool plain)
    {
        Assert.True(FigureText.TryParse(text, unit, out var value, out var isPlain));

        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(plain, isPlain);
    }

    [Theory]
    [InlineData("48 days", Unit.Count)]
    [InlineData("2m", Unit.Money)]
    [InlineData("£2.0x", Unit.Money)]
    [InlineData("12,3.4x", Unit.Count)]
    [InlineData("about 90", Unit.Count)]
    public void Anything_else_is_not_a_figure(string text, Unit unit) =>
        Assert.False(FigureText.TryParse(text, unit, out _, out _));

    [Theory]
    [InlineData("33 (per month)", Unit.Count, 33, "33 (per month)")]
    [InlineData("4.3% Biannually (Q2 and Q4)", Unit.Percentage, 4.3, "4.3% Biannually (Q2 and Q4)")]
    [InlineData("£125k", Unit.Money, 125000, "£125k")]
    [InlineData("95%", Unit.Percentage, 95, null)]
    [InlineData("1 day", Unit.Days, 1, "1 day")]
    public void A_target_may_carry_words_which_are_kept(string text, Unit unit, double expected, string? entered)
    {
        Assert.True(FigureText.TryParseTarget(text, unit, out var value, out var kept));

        Assert.Equal((decimal)expected, value);
        Assert.Equal(entered, kept);
    }

    [Theory]
    [InlineData("about 90")]
    [InlineData("Better than England")]
    [InlineData("90%%")]
    public void A_target_must_start_with_its_figure(string text) =>
        Assert.False(FigureText.TryParseTarget(text, Unit.Percentage, out _, out _));
}
