using Outturn.Domain.Cycle;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Tests;

public class TargetGridTests
{
    [Theory]
    [InlineData(Frequency.Monthly, 13, "2018/19", "2018-04", "2019-03")]
    [InlineData(Frequency.Quarterly, 5, "2018/19", "2018/19 Q1", "2018/19 Q4")]
    [InlineData(Frequency.HalfYearly, 3, "2018/19", "2018/19 H1", "2018/19 H2")]
    [InlineData(Frequency.Annual, 1, "2018/19", "2018/19", "2018/19")]
    public void A_row_is_the_year_then_the_measures_own_periods_within_it(
        Frequency frequency,
        int count,
        string year,
        string first,
        string last
    )
    {
        var periods = TargetGrid.PeriodsOf(frequency, 2018);
        Assert.Equal(count, periods.Count);
        Assert.Equal(year, periods[0].ToString());
        Assert.Equal(first, periods[Math.Min(1, count - 1)].ToString());
        Assert.Equal(last, periods[^1].ToString());
        Assert.All(periods.Skip(1), p => Assert.True(periods[0].Contains(p)));
    }

    [Fact]
    public void A_termly_measures_year_is_the_academic_year()
    {
        var periods = TargetGrid.PeriodsOf(Frequency.Termly, 2018);
        Assert.Equal(Period.AcademicYear(2018), periods[0]);
        Assert.Equal([1, 2, 3], periods.Skip(1).Select(p => p.Number));
    }

    [Fact]
    public void A_period_without_a_target_starts_from_last_years()
    {
        var targets = new Dictionary<Period, string>
        {
            [Period.FinancialYear(2017)] = "1,200",
            [Period.FinancialYear(2018)] = "1,250",
            [Period.FinancialQuarter(2017, 1)] = "300",
            [Period.FinancialQuarter(2017, 2)] = "310",
            [Period.FinancialQuarter(2018, 2)] = "320",
        };
        var row = TargetGrid.Row(Frequency.Quarterly, 2018, targets);
        Assert.Equal(["1,250", "300", "320", null, null], row.Select(c => c.Starting));
        Assert.Equal([false, true, false, false, false], row.Select(c => c.IsCarriedForward));
        Assert.Equal("310", row[2].CarriedForward);
    }
}
