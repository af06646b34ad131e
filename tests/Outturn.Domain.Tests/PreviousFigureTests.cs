using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>A measure's previous figure is the last one it reported before the latest, within a look-back
/// (monthly-committee-dashboard.txt compares July 2017 with February 2017 for one section, and youth offending's
/// latest figure with the annual 2016/17 one).</summary>
public class PreviousFigureTests
{
    private static readonly MeasureProfile Monthly = new()
    {
        Polarity = Polarity.LowerIsBetter,
        Frequency = Frequency.Monthly,
    };

    private static PeriodEntry E(string period, decimal? value) =>
        new() { Period = Period.Parse(period), Value = value is { } v ? OutturnValue.Of(v) : OutturnValue.NotRecorded };

    private static Evaluation Evaluate(MeasureProfile m, string period, params PeriodEntry[] entries) =>
        Evaluator.Evaluate(m, RatingScheme.Default, new ItemSeries(entries), Period.Parse(period));

    [Fact]
    public void The_period_just_before_is_the_previous_figure_when_it_has_one()
    {
        var e = Evaluate(Monthly, "2017-07", E("2017-02", 800), E("2017-06", 700), E("2017-07", 758));

        Assert.Equal((Period.Parse("2017-06"), 700m), (e.PreviousPeriod, e.Previous!.Value.Number));
        Assert.Equal(Direction.Deteriorating, e.DirectionShort);
    }

    [Fact]
    public void Else_the_latest_earlier_figure_and_direction_is_against_it()
    {
        // The months between hold a target only, or a reason for no figure: neither is a figure to compare with.
        var e = Evaluate(
            Monthly,
            "2017-07",
            E("2017-02", 706),
            E("2017-05", null),
            E("2017-06", null),
            E("2017-07", 658)
        );

        Assert.Equal(Period.Parse("2017-02"), e.PreviousPeriod);
        Assert.Equal(Direction.Improving, e.DirectionShort);
    }

    [Fact]
    public void An_annual_figure_can_be_the_previous_one()
    {
        var e = Evaluate(Monthly, "2017-08", E("2016/17", 0.31m), E("2017-08", 0.29m));

        Assert.Equal(Period.Parse("2016/17"), e.PreviousPeriod);
        Assert.Equal(Direction.Improving, e.DirectionShort);
    }

    [Theory]
    [InlineData("2016-07", true)]
    [InlineData("2016-06", false)]
    public void The_look_back_is_a_year_for_monthly_measures(string earlier, bool found)
    {
        var e = Evaluate(Monthly, "2017-07", E(earlier, 5), E("2017-07", 4));

        Assert.Equal(found, e.Previous is not null);
        Assert.Equal(found ? Direction.Improving : Direction.New, e.DirectionShort);
    }

    [Theory]
    [InlineData("2015/16 Q2", true)]
    [InlineData("2015/16 Q1", false)]
    public void And_two_years_for_others(string earlier, bool found)
    {
        var quarterly = Monthly with { Frequency = Frequency.Quarterly };

        var e = Evaluate(quarterly, "2017/18 Q2", E(earlier, 5), E("2017/18 Q2", 4));

        Assert.Equal(found, e.Previous is not null);
    }

    [Fact]
    public void The_look_back_is_a_setting()
    {
        var scheme = RatingScheme.Default with { PreviousLookBackMonths = 3 };

        var e = Evaluator.Evaluate(
            Monthly,
            scheme,
            new ItemSeries([E("2017-03", 5), E("2017-07", 4)]),
            Period.Parse("2017-07")
        );

        Assert.Null(e.Previous);
        Assert.Equal(Direction.New, e.DirectionShort);
    }

    [Fact]
    public void With_no_current_figure_no_direction_is_invented()
    {
        var e = Evaluate(Monthly, "2017-07", E("2017-06", 5), E("2017-07", null));

        Assert.Null(e.DirectionShort);
    }
}

public class LatestEndedTests
{
    [Theory]
    [InlineData(PeriodKind.Month, 2026, 12, 1, "2026-11")]
    [InlineData(PeriodKind.Month, 2026, 1, 31, "2025-12")]
    [InlineData(PeriodKind.FinancialQuarter, 2026, 12, 1, "2026/27 Q2")]
    [InlineData(PeriodKind.FinancialQuarter, 2026, 4, 1, "2025/26 Q4")]
    [InlineData(PeriodKind.FinancialYear, 2026, 12, 1, "2025/26")]
    [InlineData(PeriodKind.FinancialYear, 2027, 3, 31, "2025/26")]
    public void The_latest_period_to_have_ended_by_a_day(PeriodKind kind, int year, int month, int day, string expected)
    {
        var period = Period.LatestEndedBy(kind, new DateOnly(year, month, day));

        Assert.Equal(expected, period.ToString());
        Assert.True(period.HasEndedBy(new DateOnly(year, month, day)));
    }
}
