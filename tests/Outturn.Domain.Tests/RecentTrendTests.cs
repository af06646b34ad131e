using Outturn.Domain.Framework;
using Outturn.Domain.Statistics;

namespace Outturn.Domain.Tests;

public class RecentTrendTests
{
    // The published series: five years' counts per 1,000 with their 95% intervals (Byar's method gives the
    // same intervals to two places). Fingertips' weighted test on these intervals gives chi-squared 46.59; the issue
    // quotes 46.77, which the intervals as printed do not reproduce (nor Byar's unrounded ones, 46.586; Wilson's give
    // 48.61). Either way the trend is significant and increasing.
    private static readonly TrendPoint[] Published =
    [
        new(994.0 / 40299 * 1000, 23.16, 26.25),
        new(1023.0 / 41527 * 1000, 23.15, 26.19),
        new(1199.0 / 42811 * 1000, 26.44, 29.64),
        new(1332.0 / 44064 * 1000, 28.63, 31.90),
        new(1367.0 / 44701 * 1000, 28.98, 32.25),
    ];

    [Fact]
    public void The_published_series_is_increasing_significantly()
    {
        var trend = RecentTrends.Test(Published);
        Assert.Equal(RecentTrendKind.Increasing, trend.Kind);
        Assert.Equal(46.586, trend.ChiSquared, 3);
        Assert.True(trend.ChiSquared > RecentTrends.Critical);
        Assert.Equal("increasing and getting worse", trend.Words(Polarity.LowerIsBetter));
        Assert.Equal("increasing and getting better", trend.Words(Polarity.HigherIsBetter));
        Assert.Equal("increasing", trend.Words(Polarity.None));
    }

    [Fact]
    public void The_proportions_test_agrees_on_the_same_counts()
    {
        var trend = RecentTrends.TestProportions([
            (994, 40299),
            (1023, 41527),
            (1199, 42811),
            (1332, 44064),
            (1367, 44701),
        ]);
        Assert.Equal(RecentTrendKind.Increasing, trend.Kind);
        // Armitage's chi-squared for trend in proportions, worked by hand from the counts: 47.897.
        Assert.Equal(47.897, trend.ChiSquared, 3);
    }

    [Fact]
    public void Equal_weights_give_the_ordinary_slope_and_its_chi_squared()
    {
        // Values 1..5 with intervals of width 3.92 (variance 1): slope 1, variance 1 ÷ Σ(x − 3)² = 0.1, chi-squared 10.
        var trend = RecentTrends.Test([.. Enumerable.Range(1, 5).Select(v => new TrendPoint(v, v - 1.96, v + 1.96))]);
        Assert.Equal(1, trend.Slope, 12);
        Assert.Equal(10, trend.ChiSquared, 9);
        Assert.Equal(RecentTrendKind.Increasing, trend.Kind);
        // Just below the critical value there is no significant change: intervals a little wider.
        var wider = RecentTrends.Test([.. Enumerable.Range(1, 5).Select(v => new TrendPoint(v, v - 2.1, v + 2.1))]);
        Assert.Equal(RecentTrendKind.NoSignificantChange, wider.Kind);
        Assert.Equal("no significant change", wider.Words(Polarity.HigherIsBetter));
    }

    [Fact]
    public void A_slope_that_turns_when_one_figure_is_left_out_is_no_trend()
    {
        // 30, 10, 10, 10, 31: a small rise overall, but a fall without the last figure; tight intervals make the
        // chi-squared large all the same.
        var trend = RecentTrends.Test([
            .. new[] { 30.0, 10, 10, 10, 31 }.Select(v => new TrendPoint(v, v - 0.01, v + 0.01)),
        ]);
        Assert.True(trend.Slope > 0);
        Assert.True(trend.ChiSquared > RecentTrends.Critical);
        Assert.Equal(RecentTrendKind.NoSignificantChange, trend.Kind);
    }

    [Fact]
    public void Fewer_than_five_usable_figures_cannot_be_tested()
    {
        Assert.Equal(RecentTrendKind.CannotBeCalculated, RecentTrends.Test(Published[..4]).Kind);
        TrendPoint[] gap = [.. Published[..4], new(30, double.NaN, double.NaN)];
        Assert.Equal(RecentTrendKind.CannotBeCalculated, RecentTrends.Test(gap).Kind);
        Assert.Equal(
            RecentTrendKind.CannotBeCalculated,
            RecentTrends.TestProportions([(1, 10), (0, 10), (2, 10), (3, 10), (4, 10)]).Kind
        );
        // Only the last five are used.
        Assert.Equal(
            RecentTrends.Test(Published).ChiSquared,
            RecentTrends.Test([new(99, 1, 200), .. Published]).ChiSquared
        );
    }
}
