using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Statistics;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>A measure's control limits worked out afresh from a period (<see cref="SpcRebase"/>): a new baseline with
/// its own mean and limits, found by period whatever the measure's frequency.</summary>
public class SpcRebaseTests
{
    private static readonly Period April = Period.Month(2017, 4);

    private static IReadOnlyList<Period> Months(Period first, int count) =>
        [.. Enumerable.Range(0, count).Select(first.Shift)];

    [Fact]
    public void A_rebase_starts_at_the_first_figure_in_or_after_its_period()
    {
        var months = Months(Period.Month(2017, 1), 12);
        Assert.Equal([(3, "new model")], Starts(months, (April, "new model")));
        // A period with no figure of its own (a gap) starts at the next figure.
        var withGap = months.Where(p => p != April).ToList();
        Assert.Equal([(3, "new model")], Starts(withGap, (April, "new model")));
        // At the first figure, before it, or after the last: no new baseline.
        Assert.Empty(Starts(months, (Period.Month(2017, 1), "x")));
        Assert.Empty(Starts(months, (Period.Month(2016, 6), "x")));
        Assert.Empty(Starts(months, (Period.Month(2018, 1), "x")));
        // Two falling on one figure start it once, with the later one's reason.
        var gapOfTwo = months.Where(p => p != April && p != April.Shift(1)).ToList();
        Assert.Equal([(3, "second")], Starts(gapOfTwo, (April, "first"), (April.Shift(1), "second")));
    }

    [Fact]
    public void A_quarterly_measure_rebased_from_a_month_starts_at_the_first_quarter_beginning_then_or_later()
    {
        var quarters = Enumerable.Range(0, 8).Select(q => Period.FinancialQuarter(2016, 1).Shift(q)).ToList();
        // 2017/18 Q1 (April to June 2017) begins in April; from May, the next quarter (July) begins the baseline.
        Assert.Equal([(4, "a")], Starts(quarters, (April, "a")));
        Assert.Equal([(5, "b")], Starts(quarters, (Period.Month(2017, 5), "b")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rebase_needs_its_reason(string reason) =>
        Assert.Throws<ArgumentException>(() => new SpcRebase(April, reason));

    [Fact]
    public void A_reason_longer_than_the_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => new SpcRebase(April, new string('x', SpcRebase.MaxReason + 1)));

    [Fact]
    public void The_limits_after_a_rebase_are_the_later_figures_own_and_what_was_a_shift_is_common_cause()
    {
        // Ten months around 20, then ten around 40 after a new service model.
        decimal[] before = [20, 21, 19, 20, 22, 18, 20, 21, 19, 20];
        decimal[] after = [40, 41, 39, 40, 42, 38, 40, 41, 39, 40];
        var first = Period.Month(2016, 6);
        var series = new ItemSeries([
            .. before
                .Concat(after)
                .Select((v, i) => new PeriodEntry { Period = first.Shift(i), Value = OutturnValue.Of(v) }),
        ]);
        var plain = MeasureSpc.Analyse(new MeasureProfile(), series)!;
        Assert.NotEqual(SpcVariation.CommonCause, plain.Chart.Variation);
        Assert.Empty(plain.Rebases);

        var rebase = new SpcRebase(first.Shift(10), "New service model from April 2017");
        var rebased = MeasureSpc.Analyse(new MeasureProfile { SpcRebases = [rebase] }, series)!;
        Assert.Equal([(10, rebase)], rebased.Rebases);
        var last = rebased.Chart.Points[^1];
        Assert.Equal((double)after.Average(), last.Mean, 9);
        Assert.Equal((double)before.Average(), rebased.Chart.Points[0].Mean, 9);
        Assert.NotEqual(rebased.Chart.Points[9].Baseline, rebased.Chart.Points[10].Baseline);
        Assert.Equal(SpcVariation.CommonCause, rebased.Chart.Variation);
        Assert.All(rebased.Chart.Points, p => Assert.Equal(SpcVariation.CommonCause, p.Variation));
    }

    [Fact]
    public void A_measures_own_settings_fix_its_limits_with_a_rebase_and_screen_them_and_say_so()
    {
        // Twelve months around 20, a new model from the 13th, then eight around 30 that drift upwards.
        decimal[] figures = [20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 21, 19, 30, 31, 29, 30, 33, 35, 37, 39];
        var first = Period.Month(2016, 4);
        var series = new ItemSeries([
            .. figures.Select((v, i) => new PeriodEntry { Period = first.Shift(i), Value = OutturnValue.Of(v) }),
        ]);
        var rebase = new SpcRebase(first.Shift(12), "New service model");
        var profile = new MeasureProfile { SpcRebases = [rebase], SpcFixAfter = 4 };
        var chart = MeasureSpc.Analyse(profile, series)!.Chart;

        // Each baseline's mean is of its own first four figures, kept for the rest of it.
        Assert.All(chart.Points.Take(12), p => Assert.Equal(20, p.Mean, 9));
        Assert.All(chart.Points.Skip(12), p => Assert.Equal(30, p.Mean, 9));
        Assert.Equal(SpcVariation.Improvement, chart.Variation);
        Assert.True(chart.TrialLimits);
        var unfixed = MeasureSpc.Analyse(profile with { SpcFixAfter = null }, series)!.Chart;
        Assert.Equal((double)figures.Skip(12).Average(), unfixed.Points[^1].Mean, 9);

        // Given options win over the measure's own settings; screening is the options' too.
        Assert.Equal(
            unfixed.Points[^1].Mean,
            MeasureSpc.Analyse(profile, series, options: new SpcOptions())!.Chart.Points[^1].Mean,
            9
        );
        var screened = MeasureSpc.Analyse(new MeasureProfile { SpcScreenOutliers = true }, series)!.Chart;
        var expected = Spc.Analyse(
            [.. figures.Select(f => (double)f)],
            Polarity.HigherIsBetter,
            null,
            new() { ScreenOutliers = true }
        );
        Assert.Equal(expected.Points[0].UpperLimit, screened.Points[0].UpperLimit, 9);
        Assert.NotEqual(unfixed.Points[0].UpperLimit, screened.Points[0].UpperLimit);

        Assert.Null(MeasureSpc.Settings(new MeasureProfile()));
        Assert.Equal(
            "The mean and limits are worked out from the first 4 figures (of each baseline) and fixed after them. "
                + "Moving ranges above 3.267 times their mean are left out of the limits.",
            MeasureSpc.Settings(profile with { SpcScreenOutliers = true })
        );
    }

    private static List<(int, string)> Starts(IReadOnlyList<Period> periods, params (Period From, string Why)[] r) =>
        [
            .. SpcRebase
                .Starts(periods, r.Select(x => new SpcRebase(x.From, x.Why)))
                .Select(s => (s.Index, s.Rebase.Reason)),
        ];
}
