using CsCheck;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Tests;

public class PeriodTests
{
    [Fact]
    public void The_first_and_last_written_periods_have_neighbours_that_cannot_be_written()
    {
        var first = Period.Month(Period.MinYear, 1);
        Assert.Equal("December 1899", first.Previous().Label);
        Assert.Equal("January 1899", first.SamePeriodLastYear().Label);
        Assert.Equal("2017/18", Period.FinancialYear(2017).ToString());
        Assert.Equal("1899/00", first.FinancialYearEnding().ToString());
        Assert.Equal("January 2999", Period.Month(Period.MaxYear, 12).Next().Label);
        Assert.Throws<ArgumentOutOfRangeException>(() => first.Previous().Previous().SamePeriodLastYear());
        Assert.False(Period.TryParse("1899-12", out _, out var error));
        Assert.Equal("'1899-12' is not a real period: years run from 1900 to 2998.", error);
        Assert.False(Period.TryParse("2999-01", out _));
        Assert.False(Period.TryParse("1899/00", out _));
        Assert.True(Period.TryParse("1900-01", out var written) && written == first);

        // A figure of the first month is evaluated: nothing before it to compare with, and no failure.
        var series = new Rating.ItemSeries([
            new Values.PeriodEntry { Period = first, Value = Values.OutturnValue.Of(5) },
        ]);
        var evaluation = Rating.Evaluator.Evaluate(
            new Rating.MeasureProfile(),
            new Rating.RatingScheme(),
            series,
            first
        );
        Assert.Null(evaluation.Previous);
        Assert.Equal(Period.Month(1899, 12), evaluation.PreviousPeriod);
    }

    [Theory]
    [InlineData("2017-07", PeriodKind.Month, "July 2017")]
    [InlineData("2017/18 Q1", PeriodKind.FinancialQuarter, "Q1 2017/18")]
    [InlineData("2017/18 H2", PeriodKind.FinancialHalf, "H2 2017/18")]
    [InlineData("2017/18", PeriodKind.FinancialYear, "2017/18")]
    [InlineData("AY 2016/17", PeriodKind.AcademicYear, "Academic year 2016/17")]
    [InlineData("AY 2016/17 T2", PeriodKind.AcademicTerm, "Spring term 2016/17")]
    [InlineData("2017", PeriodKind.CalendarYear, "2017")]
    [InlineData("12m to 2017-07", PeriodKind.Rolling12Months, "12 months to July 2017")]
    [InlineData("1999/00", PeriodKind.FinancialYear, "1999/00")]
    [InlineData("2014 - 16", PeriodKind.PooledCalendarYears, "2014 to 2016")]
    [InlineData("1998 - 02", PeriodKind.PooledCalendarYears, "1998 to 2002")]
    [InlineData("2014/15 - 16/17", PeriodKind.PooledFinancialYears, "2014/15 to 2016/17")]
    public void Parses_each_kind_and_prints_it_back(string text, PeriodKind kind, string label)
    {
        var period = Period.Parse(text);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(text, period.ToString());
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData(" 2017/18  q1 ", "2017/18 Q1")]
    [InlineData("ay 2016/17 t1", "AY 2016/17 T1")]
    [InlineData("12M TO 2017-07", "12m to 2017-07")]
    [InlineData("2014  -  2016", "2014 - 16")]
    [InlineData("2014/15 - 2016/17", "2014/15 - 16/17")]
    public void Reads_case_and_spacing_loosely(string text, string canonical) =>
        Assert.Equal(canonical, Period.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("2017-13")]
    [InlineData("2017-00")]
    [InlineData("2017/19")]
    [InlineData("2017/18 Q5")]
    [InlineData("2017/18 H3")]
    [InlineData("AY 2016/17 T4")]
    [InlineData("July 2017")]
    [InlineData("2017-18")]
    [InlineData("1850")]
    [InlineData("2016 - 14")]
    [InlineData("2016 - 16")]
    [InlineData("2000 - 2015")]
    [InlineData("2014/15 - 16/18")]
    [InlineData("2014/16 - 16/17")]
    public void Rejects_nonsense_with_a_reason(string text)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => Period.Parse(text));
    }

    [Theory]
    [InlineData("2017-01", "2016-12", "2016-01")]
    [InlineData("2017/18 Q1", "2016/17 Q4", "2016/17 Q1")]
    [InlineData("2017/18 Q3", "2017/18 Q2", "2016/17 Q3")]
    [InlineData("2017/18 H1", "2016/17 H2", "2016/17 H1")]
    [InlineData("2017/18", "2016/17", "2016/17")]
    [InlineData("AY 2016/17 T1", "AY 2015/16 T3", "AY 2015/16 T1")]
    [InlineData("AY 2016/17", "AY 2015/16", "AY 2015/16")]
    [InlineData("2017", "2016", "2016")]
    [InlineData("12m to 2017-01", "12m to 2016-12", "12m to 2016-01")]
    [InlineData("2014 - 16", "2013 - 15", "2013 - 15")]
    public void Knows_its_previous_period_and_the_same_period_last_year(string text, string previous, string lastYear)
    {
        var period = Period.Parse(text);
        Assert.Equal(previous, period.Previous().ToString());
        Assert.Equal(lastYear, period.SamePeriodLastYear().ToString());
    }

    [Theory]
    [InlineData("2017/18 Q1", "2017-04", "2017-06")]
    [InlineData("2017/18 Q4", "2018-01", "2018-03")]
    [InlineData("2017/18", "2017-04", "2018-03")]
    [InlineData("AY 2016/17", "2016-09", "2017-08")]
    [InlineData("AY 2016/17 T1", "2016-09", "2016-12")]
    [InlineData("AY 2016/17 T2", "2017-01", "2017-03")]
    [InlineData("AY 2016/17 T3", "2017-04", "2017-08")]
    [InlineData("12m to 2017-07", "2016-08", "2017-07")]
    [InlineData("2017/18 H2", "2017-10", "2018-03")]
    [InlineData("2014 - 16", "2014-01", "2016-12")]
    [InlineData("2014/15 - 16/17", "2014-04", "2017-03")]
    public void Spans_the_right_months(string text, string first, string last)
    {
        var period = Period.Parse(text);
        Assert.Equal(first, MonthIndex.Format(period.StartMonth));
        Assert.Equal(last, MonthIndex.Format(period.EndMonth));
    }

    [Fact]
    public void A_financial_year_holds_four_quarters_and_twelve_months()
    {
        var year = Period.FinancialYear(2017);
        Assert.Equal(
            ["2017/18 Q1", "2017/18 Q2", "2017/18 Q3", "2017/18 Q4"],
            year.SubPeriods(PeriodKind.FinancialQuarter).Select(p => p.ToString())
        );
        Assert.Equal(12, year.SubPeriods(PeriodKind.Month).Count());
        Assert.True(year.Contains(Period.Month(2018, 3)));
        Assert.False(year.Contains(Period.Month(2018, 4)));
        Assert.Equal(Period.FinancialYear(2017), Period.Month(2018, 3).FinancialYearEnding());
    }

    [Fact]
    public void Orders_by_end_then_longer_first()
    {
        var periods = new[] { "2017/18", "2018-03", "2017/18 Q4", "2017-04" }
            .Select(Period.Parse)
            .Order()
            .Select(p => p.ToString());
        Assert.Equal(["2017-04", "2017/18", "2017/18 Q4", "2018-03"], periods);
    }

    private static readonly Gen<Period> AnyPeriod = Gen.OneOf(
        Gen.Int[1950, 2100].Select(Gen.Int[1, 12], Period.Month),
        Gen.Int[1950, 2100].Select(Gen.Int[1, 4], Period.FinancialQuarter),
        Gen.Int[1950, 2100].Select(Gen.Int[1, 2], Period.FinancialHalf),
        Gen.Int[1950, 2100].Select(Period.FinancialYear),
        Gen.Int[1950, 2100].Select(Gen.Int[1, 3], Period.AcademicTerm),
        Gen.Int[1950, 2100].Select(Period.AcademicYear),
        Gen.Int[1950, 2100].Select(Period.CalendarYear),
        Gen.Int[1950, 2100].Select(Gen.Int[1, 12], Period.Rolling12Months),
        Gen.Int[1950, 2100]
            .Select(Gen.Int[1, Period.MaxPooledYears - 1], (y, n) => Period.PooledCalendarYears(y, y + n)),
        Gen.Int[1950, 2100]
            .Select(Gen.Int[1, Period.MaxPooledYears - 1], (y, n) => Period.PooledFinancialYears(y, y + n))
    );

    [Fact]
    public void Property_text_round_trips() => AnyPeriod.Sample(p => Period.Parse(p.ToString()) == p);

    [Fact]
    public void Property_next_undoes_previous_and_kind_is_kept() =>
        AnyPeriod.Sample(p => p.Previous().Next() == p && p.Next().Previous() == p && p.Previous().Kind == p.Kind);

    [Fact]
    public void Property_periods_of_a_kind_tile_the_calendar() =>
        AnyPeriod.Sample(p =>
            p.Kind == PeriodKind.Rolling12Months ? p.Next().EndMonth == p.EndMonth + 1
            : Period.IsPooled(p.Kind) ? p.Next().StartMonth == p.StartMonth + 12
            : p.Next().StartMonth == p.EndMonth + 1
        );

    [Fact]
    public void Property_same_period_last_year_is_twelve_months_earlier() =>
        AnyPeriod.Sample(p =>
            p.SamePeriodLastYear().StartMonth == p.StartMonth - 12
            && p.SamePeriodLastYear().LengthInMonths == p.LengthInMonths
        );

    [Fact]
    public void Property_shift_adds_up() =>
        // Two shifts of up to 30 periods move a yearly period up to 60 years: periods from 1960 stay within the
        // years a period may have (from 1900), whichever way they go.
        Gen.Select(AnyPeriod.Where(p => p.StartMonth >= MonthIndex.Of(1960, 1)), Gen.Int[-30, 30], Gen.Int[-30, 30])
            .Sample((p, a, b) => p.Shift(a).Shift(b) == p.Shift(a + b));

    [Fact]
    public void Property_each_month_lies_in_exactly_one_period_of_each_tiling_kind() =>
        Gen.Int[MonthIndex.Of(1950, 1), MonthIndex.Of(2100, 12)]
            .Sample(m =>
                Enum.GetValues<PeriodKind>()
                    .Where(k => k != PeriodKind.Rolling12Months && !Period.IsPooled(k))
                    .All(k => Period.Containing(k, m).ContainsMonth(m))
            );

    [Fact]
    public void Property_a_period_is_found_again_from_its_kind_and_months() =>
        AnyPeriod.Sample(p => Period.FromMonths(p.Kind, p.StartMonth, p.EndMonth) == p);
}
