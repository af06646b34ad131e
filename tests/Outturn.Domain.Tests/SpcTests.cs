using Outturn.Domain.Framework;
using Outturn.Domain.Statistics;

namespace Outturn.Domain.Tests;

public class SpcTests
{
    // NHSRplotthedots' test series (R's set.seed(123); rnorm(20)) and its published mean and limits, as issue 16 gives
    // them.
    private static readonly double[] Published =
    [
        -0.56047565,
        -0.23017749,
        1.55870831,
        0.07050839,
        0.12928774,
        1.71506499,
        0.46091621,
        -1.26506123,
        -0.68685285,
        -0.44566197,
        1.22408180,
        0.35981383,
        0.40077145,
        0.11068272,
        -0.55584113,
        1.78691314,
        0.49785048,
        -1.96661716,
        0.70135590,
        -0.47279141,
    ];

    [Fact]
    public void The_published_series_has_its_published_mean_and_limits_and_only_common_cause()
    {
        var chart = Spc.Analyse(Published, Polarity.HigherIsBetter);

        Assert.All(chart.Points, p => Assert.Equal(0.1416238, p.Mean, 6));
        Assert.All(chart.Points, p => Assert.Equal(-3.01138, p.LowerLimit, 5));
        Assert.All(chart.Points, p => Assert.Equal(3.294627, p.UpperLimit, 5));
        Assert.All(chart.Points, p => Assert.Equal((SpcRule.None, SpcVariation.CommonCause), (p.Rule, p.Variation)));
        Assert.False(chart.TrialLimits);
        Assert.Null(chart.Assurance);
    }

    [Fact]
    public void An_outlier_widens_the_limits_unless_its_moving_ranges_are_screened()
    {
        var values = Published.ToArray();
        values[14] = 10;

        var plain = Spc.Analyse(values, Polarity.HigherIsBetter);
        Assert.Equal(-4.596625, plain.Points[0].LowerLimit, 5);
        Assert.Equal(5.935457, plain.Points[0].UpperLimit, 5);
        Assert.Equal(
            (SpcRule.OutsideLimits, SpcVariation.Improvement),
            (plain.Points[14].Rule, plain.Points[14].Variation)
        );

        var screened = Spc.Analyse(values, Polarity.HigherIsBetter, options: new SpcOptions { ScreenOutliers = true });
        Assert.Equal(-2.383666, screened.Points[0].LowerLimit, 5);
        Assert.Equal(3.722497, screened.Points[0].UpperLimit, 5);
        // Lower is better: the same point is a concern.
        Assert.Equal(SpcVariation.Concern, Spc.Analyse(values, Polarity.LowerIsBetter).Points[14].Variation);
        Assert.Equal(SpcVariation.NeutralHigh, Spc.Analyse(values, Polarity.None).Points[14].Variation);
    }

    [Fact]
    public void Seven_points_each_higher_than_the_one_before_are_a_trend_and_a_tie_breaks_it()
    {
        var noTrend = Spc.Analyse([1, 2, 3, 3, 4, 5, 6], Polarity.HigherIsBetter);
        Assert.DoesNotContain(noTrend.Points, p => p.Rule == SpcRule.Trend);

        var trend = Spc.Analyse([1, 2, 3, 4, 5, 6, 7], Polarity.LowerIsBetter);
        Assert.All(
            trend.Points.Skip(1).Take(5),
            p => Assert.Equal((SpcRule.Trend, SpcVariation.Concern), (p.Rule, p.Variation))
        );
        // The first and last points are also beyond the limits, which comes first.
        Assert.Equal(
            [(SpcRule.OutsideLimits, SpcVariation.Improvement), (SpcRule.OutsideLimits, SpcVariation.Concern)],
            new[] { trend.Points[0], trend.Points[6] }.Select(p => (p.Rule, p.Variation))
        );
        Assert.True(trend.TrialLimits);

        // Six rising points are not enough; a run that falls then rises gives the turning point to the later run.
        Assert.DoesNotContain(Spc.Analyse([1, 2, 3, 4, 5, 6], Polarity.None).Points, p => p.Rule == SpcRule.Trend);
        // Limits from ten wide points (mean 10, limits 10 ± 53.2), so that no later point is beyond them.
        double[] wide = [0, 20, 0, 20, 0, 20, 0, 20, 0, 20];
        var vee = Spc.Analyse(
            [.. wide, 14, 13, 12, 11, 10, 9, 8, 9, 10, 11, 12, 13, 14],
            Polarity.HigherIsBetter,
            options: new SpcOptions { FixAfter = 10 }
        );
        Assert.All(
            vee.Points.Skip(9).Take(7),
            p => Assert.Equal((SpcRule.Trend, SpcVariation.Concern), (p.Rule, p.Variation))
        );
        Assert.All(
            vee.Points.Skip(16),
            p => Assert.Equal((SpcRule.Trend, SpcVariation.Improvement), (p.Rule, p.Variation))
        );
    }

    [Fact]
    public void Seven_points_on_one_side_of_the_mean_are_a_shift_and_a_point_on_the_mean_breaks_it()
    {
        // Mean 5: seven points above it, then seven below, noisy enough that none is near a limit.
        double[] shift = [5.5, 7, 5.2, 6.8, 5.4, 6.9, 5.3, 4.5, 3, 4.8, 3.2, 4.6, 3.1, 4.7];
        var chart = Spc.Analyse(shift, Polarity.HigherIsBetter);
        Assert.Equal(5, chart.Points[0].Mean, 9);
        Assert.All(
            chart.Points.Take(7),
            p => Assert.Equal((SpcRule.Shift, SpcVariation.Improvement), (p.Rule, p.Variation))
        );
        Assert.All(
            chart.Points.Skip(7),
            p => Assert.Equal((SpcRule.Shift, SpcVariation.Concern), (p.Rule, p.Variation))
        );

        // A point on the mean breaks the run above it; the run below still counts.
        double[] broken = [5.5, 7, 5.2, 5, 6.8, 5.4, 6.9, 5.3, 4.5, 3, 4.8, 3.2, 4.6, 3.1, 4.7];
        var brokenChart = Spc.Analyse(broken, Polarity.HigherIsBetter);
        Assert.Equal(5, brokenChart.Points[0].Mean, 9);
        Assert.All(brokenChart.Points.Take(8), p => Assert.Equal(SpcRule.None, p.Rule));
        Assert.All(brokenChart.Points.Skip(8), p => Assert.Equal(SpcRule.Shift, p.Rule));
    }

    [Fact]
    public void Two_of_three_near_a_limit_on_one_side_flags_only_the_near_points()
    {
        // Limits from the first nine points: mean 10, mean moving range 1, so limits 7.34–12.66 and the near zone
        // beyond 11.77 (or below 8.23).
        double[] values = [10, 11, 10, 9, 10, 11, 10, 9, 10, 12, 10.5, 12.2, 10, 9, 10];
        var chart = Spc.Analyse(values, Polarity.HigherIsBetter, options: new SpcOptions { FixAfter = 9 });
        Assert.Equal(10, chart.Points[0].Mean, 9);
        var (near, mean) = (chart.Points[0].NearUpper, chart.Points[0].Mean);
        Assert.True(values[9] > near && values[11] > near && values[10] < near && values[10] > mean);
        Assert.Equal(SpcRule.TwoOfThree, chart.Points[9].Rule);
        Assert.Equal(SpcRule.TwoOfThree, chart.Points[11].Rule);
        Assert.Equal(SpcRule.None, chart.Points[10].Rule);
        Assert.Equal(SpcVariation.Improvement, chart.Points[11].Variation);
    }

    [Fact]
    public void The_last_point_gives_the_variation_and_the_target_against_the_limits_the_assurance()
    {
        Assert.Equal(SpcAssurance.ConsistentFail, Spc.Analyse(Published, Polarity.HigherIsBetter, 4).Assurance);
        Assert.Equal(SpcAssurance.ConsistentPass, Spc.Analyse(Published, Polarity.LowerIsBetter, 4).Assurance);
        Assert.Equal(SpcAssurance.ConsistentPass, Spc.Analyse(Published, Polarity.HigherIsBetter, -4).Assurance);
        Assert.Equal(SpcAssurance.HitAndMiss, Spc.Analyse(Published, Polarity.HigherIsBetter, 0).Assurance);
        // On the limit is within it.
        Assert.Equal(
            SpcAssurance.HitAndMiss,
            Spc.Analyse([1, 3, 1, 3], Polarity.HigherIsBetter, 2 + (2.66 * 2)).Assurance
        );
        Assert.Null(Spc.Analyse(Published, Polarity.None, 4).Assurance);
        Assert.Equal(SpcVariation.CommonCause, Spc.Analyse(Published, Polarity.HigherIsBetter).Variation);
    }

    [Fact]
    public void A_new_baseline_has_its_own_limits_and_runs_do_not_cross_it()
    {
        double[] values = [1, 2, 1, 2, 1, 2, 1, 11, 12, 11, 12, 11, 12, 11];
        var one = Spc.Analyse(values, Polarity.HigherIsBetter);
        Assert.Contains(one.Points, p => p.Rule != SpcRule.None);

        var rebased = Spc.Analyse(values, Polarity.HigherIsBetter, options: new SpcOptions { Rebases = [7] });
        Assert.Equal(1.428571, rebased.Points[0].Mean, 5);
        Assert.Equal(11.428571, rebased.Points[7].Mean, 5);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1], rebased.Points.Select(p => p.Baseline));
        Assert.All(rebased.Points, p => Assert.Equal(SpcRule.None, p.Rule));

        // Limits fixed after the first five points: later points do not move them.
        var fixedAfter = Spc.Analyse(
            [10, 11, 10, 11, 10, 50, 60],
            Polarity.HigherIsBetter,
            options: new SpcOptions { FixAfter = 5 }
        );
        Assert.Equal(10.4, fixedAfter.Points[6].Mean, 9);
        Assert.Equal(SpcRule.OutsideLimits, fixedAfter.Points[6].Rule);
    }
}
