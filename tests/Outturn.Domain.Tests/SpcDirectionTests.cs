using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Summaries;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>Direction of travel by statistical process control: a change only beyond the usual variation.</summary>
public class SpcDirectionTests
{
    // NHSRplotthedots' test series (R's set.seed(123); rnorm(20)), every point common cause, moved up by 10 so that
    // each figure is positive: mean 10.1416, process limits 6.9886 and 13.2946 (SpcTests).
    private static readonly decimal[] Published =
    [
        9.43952435m,
        9.76982251m,
        11.55870831m,
        10.07050839m,
        10.12928774m,
        11.71506499m,
        10.46091621m,
        8.73493877m,
        9.31314715m,
        9.55433803m,
        11.2240818m,
        10.35981383m,
        10.40077145m,
        10.11068272m,
        9.44415887m,
        11.78691314m,
        10.49785048m,
        8.03338284m,
        10.7013559m,
        9.52720859m,
    ];

    private static readonly Period First = Period.Month(2016, 4);
    private static readonly Period Last = First.Shift(Published.Length - 1);
    private static readonly RatingScheme BySpc = RatingScheme.Default with { DirectionMethod = DirectionMethod.Spc };

    private static ItemSeries Series(IEnumerable<decimal> values) =>
        new([.. values.Select((v, i) => new PeriodEntry { Period = First.Shift(i), Value = OutturnValue.Of(v) })]);

    private static Evaluation Evaluate(
        decimal[] values,
        Polarity polarity = Polarity.HigherIsBetter,
        RatingScheme? scheme = null,
        DirectionMethod? own = null
    ) =>
        Evaluator.Evaluate(
            new MeasureProfile { Polarity = polarity, DirectionMethod = own },
            scheme ?? BySpc,
            Series(values),
            First.Shift(values.Length - 1)
        );

    [Fact]
    public void A_fall_within_the_usual_variation_is_no_significant_change_though_two_point_calls_it_worse()
    {
        var evaluation = Evaluate(Published);

        Assert.Equal(Direction.NoSignificantChange, evaluation.ComputedShort);
        Assert.Equal(Direction.NoSignificantChange, evaluation.ComputedLong);
        Assert.Equal(Direction.NoSignificantChange, evaluation.DirectionShort);
        // 10.70 to 9.53: the comparison with one earlier figure is kept beside it.
        Assert.Equal(Direction.Deteriorating, evaluation.TwoPointShort);
        Assert.Equal(DirectionMethod.Spc, evaluation.DirectionMethod);
        Assert.True(evaluation.DirectionBySpc);
        // The organisation's default is today's two-point comparison.
        Assert.Equal(Direction.Deteriorating, Evaluate(Published, scheme: RatingScheme.Default).ComputedShort);
        Assert.Equal(DirectionMethod.TwoPoint, Evaluate(Published, scheme: RatingScheme.Default).DirectionMethod);
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 14, Direction.Improving)]
    [InlineData(Polarity.LowerIsBetter, 14, Direction.Deteriorating)]
    [InlineData(Polarity.None, 14, Direction.Increasing)]
    [InlineData(Polarity.HigherIsBetter, 6, Direction.Deteriorating)]
    [InlineData(Polarity.LowerIsBetter, 6, Direction.Improving)]
    [InlineData(Polarity.None, 6, Direction.Decreasing)]
    // Just inside the limits the series then has (13.68 and 6.51), with no other rule met: no significant change.
    [InlineData(Polarity.HigherIsBetter, 13.29, Direction.NoSignificantChange)]
    [InlineData(Polarity.LowerIsBetter, 7, Direction.NoSignificantChange)]
    public void A_latest_figure_beyond_the_limits_is_a_change_by_polarity(
        Polarity polarity,
        double latest,
        Direction expected
    )
    {
        decimal[] values = [.. Published[..^1], (decimal)latest];
        Assert.Equal(expected, Evaluate(values, polarity).ComputedShort);
    }

    [Fact]
    public void Fewer_figures_than_more_than_trial_limits_need_are_compared_two_point()
    {
        // Twelve figures give trial limits only: the two-point comparison stands, and says so.
        var twelve = Evaluate(Published[^12..]);
        Assert.Equal(DirectionMethod.TwoPoint, twelve.DirectionMethod);
        Assert.Equal(Direction.Deteriorating, twelve.ComputedShort);
        Assert.False(twelve.DirectionBySpc);
        // Thirteen are enough.
        Assert.Equal(Direction.NoSignificantChange, Evaluate(Published[^13..]).ComputedShort);
    }

    [Fact]
    public void A_measure_may_choose_its_own_method_and_a_manual_direction_still_wins()
    {
        Assert.Equal(Direction.Deteriorating, Evaluate(Published, own: DirectionMethod.TwoPoint).ComputedShort);
        Assert.Equal(
            Direction.NoSignificantChange,
            Evaluate(Published, scheme: RatingScheme.Default, own: DirectionMethod.Spc).ComputedShort
        );

        var series = Series(Published);
        var manual = new ItemSeries([
            .. series.Entries.Select(e =>
                e.Period == Last ? e with { DirectionOverride = Direction.Planned, OverrideReason = "Planned" } : e
            ),
        ]);
        var evaluation = Evaluator.Evaluate(new MeasureProfile(), BySpc, manual, Last);
        Assert.Equal(Direction.Planned, evaluation.DirectionShort);
        Assert.Equal(Direction.NoSignificantChange, evaluation.ComputedShort);
        Assert.False(evaluation.DirectionBySpc);
    }

    [Fact]
    public void The_chart_must_end_at_the_period_evaluated()
    {
        var chart = Statistics.MeasureSpc.Analyse(new MeasureProfile(), Series(Published), Last);
        Assert.Equal(Direction.NoSignificantChange, DirectionRater.BySpc(chart, Last));
        Assert.Null(DirectionRater.BySpc(chart, Last.Next()));
        Assert.Null(DirectionRater.BySpc(null, Last));
    }

    [Fact]
    public void A_summary_counts_no_significant_change_as_the_same_and_says_how_many_were_judged_by_spc()
    {
        var summary = Summary.Of([
            new SummaryInput(
                ItemKind.Measure,
                Rag.Green,
                Direction.Improving,
                DirectionMethod.Spc,
                Statistics.SpcVariation.Improvement
            ),
            new SummaryInput(ItemKind.Measure, Rag.Green, Direction.NoSignificantChange, DirectionMethod.Spc),
            new SummaryInput(
                ItemKind.Measure,
                Rag.Red,
                Direction.NoSignificantChange,
                DirectionMethod.Spc,
                Statistics.SpcVariation.CommonCause
            ),
            // Judged two-point (too few figures for SPC direction), but its latest figure is a concern all the same.
            new SummaryInput(
                ItemKind.Measure,
                Rag.Red,
                Direction.Deteriorating,
                Variation: Statistics.SpcVariation.Concern
            ),
            new SummaryInput(ItemKind.Action, Rag.Red, null, Variation: Statistics.SpcVariation.Concern),
        ]);

        Assert.Equal(4, summary.MeasuresWithDirection);
        Assert.Equal((1, 2, 1), (summary.Improving, summary.Same, summary.Deteriorating));
        Assert.Equal(25, summary.ImprovedPercent);
        Assert.Equal(3, summary.DirectionsBySpc);
        // An action's variation is not a measure's: only measures are counted.
        Assert.Equal((1, 1), (summary.SpecialCauseConcerns, summary.SpecialCauseImprovements));
    }
}
