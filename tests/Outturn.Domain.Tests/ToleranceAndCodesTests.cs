using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

public class ToleranceAndCodesTests
{
    [Theory]
    [InlineData("5%", 5, true)]
    [InlineData("2pt", 2, false)]
    [InlineData("2.5PT", 2.5, false)]
    [InlineData("0", 0, false)]
    [InlineData("0%", 0, false)]
    public void Reads_tolerances(string text, decimal amount, bool relative)
    {
        var t = Tolerance.Parse(text);
        Assert.Equal(amount, t.Amount);
        Assert.Equal(relative, t.IsRelative);
        Assert.Equal(t, Tolerance.Parse(t.ToString()));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-5%")]
    [InlineData("five%")]
    [InlineData("")]
    public void Rejects_bad_tolerances(string text) => Assert.False(Tolerance.TryParse(text, out _, out _));

    [Fact]
    public void Relative_tolerance_scales_with_the_reference()
    {
        Assert.Equal(4.75m, Tolerance.Relative(5).WidthAround(95));
        Assert.Equal(2m, Tolerance.Absolute(2).WidthAround(95));
    }

    [Fact]
    public void Codes_are_snake_case_and_parse_loosely()
    {
        Assert.Equal("no_target", Codes.Of(Rag.NoTarget));
        Assert.Equal("higher", Codes.Of(Polarity.HigherIsBetter));
        Assert.Equal("cumulative", Codes.Of(Aggregation.CumulativeYearToDate));
        Assert.True(Codes.TryParse<ActionStatus>("On Track", out var s));
        Assert.Equal(ActionStatus.OnTrack, s);
        Assert.False(Codes.TryParse<Polarity>("bigger", out _));
        Assert.Equal("higher, lower, none or tbc", Codes.Expected<Polarity>());
    }

    [Fact]
    public void Breakdowns_round_trip_and_reject_bad_parts()
    {
        Assert.True(Breakdown.TryParse("B&B=128; SMG=57;EC=53", out var b, out _));
        Assert.Equal("B&B=128;SMG=57;EC=53", b.ToString());
        Assert.Equal(3, b.Parts.Count);
        Assert.False(Breakdown.TryParse("B&B:128", out _, out var error));
        Assert.Contains("label=number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_refs_compare_without_case_and_reject_blanks()
    {
        Assert.Equal(new ItemRef("YA&H PM03"), new ItemRef(" ya&h pm03 "));
        Assert.Throws<ArgumentException>(() => new ItemRef("  "));
        Assert.Throws<ArgumentException>(() => new ItemRef(new string('x', 65)));
    }
}

public class TextClipTests
{
    [Theory]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("abc", 3, "abc")]
    [InlineData("ab", 5, "ab")]
    [InlineData("", 0, "")]
    // "a𝔘b": 𝔘 is two code units; cutting after its first half would leave half a character.
    [InlineData("a\U0001D518b", 2, "a")]
    [InlineData("a\U0001D518b", 3, "a\U0001D518")]
    [InlineData("\U0001D518", 1, "")]
    public void Text_is_clipped_without_cutting_a_character_in_two(string text, int max, string expected)
    {
        var clipped = Values.TextClip.Clip(text, max);
        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= max);
        Assert.False(clipped.Length > 0 && char.IsHighSurrogate(clipped[^1]));
    }
}
