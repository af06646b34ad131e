using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

public class PlausibilityTests
{
    private static readonly DateOnly Today = new(2018, 4, 15);
    private static readonly MeasureProfile Percent = new() { Unit = Unit.Percentage };
    private static readonly MeasureProfile Count = new() { Unit = Unit.Count };

    private static PeriodEntry E(string period, decimal value) =>
        new() { Period = Period.Parse(period), Value = OutturnValue.Of(value) };

    private static readonly PeriodEntry[] Steady =
    [
        E("2017-10", 100),
        E("2017-11", 104),
        E("2017-12", 101),
        E("2018-01", 105),
        E("2018-02", 102),
    ];

    [Theory]
    [InlineData(100.0, 0)]
    [InlineData(100.1, 1)]
    [InlineData(0.0, 0)]
    [InlineData(-0.1, 1)]
    public void A_percentage_outside_0_to_100_is_questioned(double value, int warnings) =>
        Assert.Equal(warnings, Plausibility.Check(Percent, Period.Parse("2018-03"), (decimal)value, [], Today).Count);

    [Fact]
    public void A_period_not_yet_ended_is_questioned()
    {
        Assert.Empty(Plausibility.Check(Count, Period.Parse("2018-03"), 5, [], Today));
        Assert.Equal(
            "April 2018 has not ended yet.",
            Assert.Single(Plausibility.Check(Count, Period.Parse("2018-04"), 5, [], Today))
        );
    }

    [Theory]
    [InlineData(117, 0)] // changes 4,3,4,3: usual 3.5; 117 is 15 from 102, under 5 × 3.5
    [InlineData(120, 1)] // 18 from 102, over 17.5
    [InlineData(84, 1)]
    public void A_change_many_times_the_usual_one_is_questioned(int value, int warnings) =>
        Assert.Equal(warnings, Plausibility.Check(Count, Period.Parse("2018-03"), value, Steady, Today).Count);

    [Fact]
    public void Too_little_history_says_nothing_about_change() =>
        Assert.Empty(Plausibility.Check(Count, Period.Parse("2018-03"), 1_000_000, Steady[..3], Today));
}
