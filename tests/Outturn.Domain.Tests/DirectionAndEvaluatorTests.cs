using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

public class DirectionAndEvaluatorTests
{
    private static readonly MeasureProfile Higher = new() { Polarity = Polarity.HigherIsBetter };

    private static Direction? Compare(
        MeasureProfile m,
        decimal current,
        decimal? earlier,
        RatingScheme? scheme = null
    ) =>
        DirectionRater.Compare(
            m,
            scheme ?? RatingScheme.Default,
            OutturnValue.Of(current),
            earlier is { } e ? OutturnValue.Of(e) : OutturnValue.NotRecorded
        );

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 10, 9, Direction.Improving)]
    [InlineData(Polarity.HigherIsBetter, 9, 10, Direction.Deteriorating)]
    [InlineData(Polarity.LowerIsBetter, 9, 10, Direction.Improving)]
    [InlineData(Polarity.LowerIsBetter, 10, 9, Direction.Deteriorating)]
    [InlineData(Polarity.None, 10, 9, Direction.Increasing)]
    [InlineData(Polarity.None, 9, 10, Direction.Decreasing)]
    [InlineData(Polarity.HigherIsBetter, 9, 9, Direction.Same)]
    [InlineData(Polarity.None, 9, 9, Direction.Same)]
    public void Direction_minds_polarity(Polarity polarity, decimal current, decimal earlier, Direction expected) =>
        Assert.Equal(expected, Compare(new MeasureProfile { Polarity = polarity }, current, earlier));

    [Fact]
    public void Same_within_tolerance()
    {
        var scheme = RatingScheme.Default with { DirectionTolerance = Tolerance.Relative(1) };
        Assert.Equal(Direction.Same, Compare(Higher, 100.9m, 100, scheme));
        Assert.Equal(Direction.Same, Compare(Higher, 99m, 100, scheme));
        Assert.Equal(Direction.Improving, Compare(Higher, 101.1m, 100, scheme));
        var absolute = RatingScheme.Default with { DirectionTolerance = Tolerance.Absolute(0.5m) };
        Assert.Equal(Direction.Deteriorating, Compare(Higher, 99.4m, 100, absolute));
    }

    [Fact]
    public void New_when_nothing_to_compare_and_none_without_a_figure()
    {
        Assert.Equal(Direction.New, Compare(Higher, 10, null));
        Assert.Null(DirectionRater.Compare(Higher, RatingScheme.Default, OutturnValue.NotRecorded, OutturnValue.Of(1)));
        Assert.Null(
            DirectionRater.Compare(
                Higher with
                {
                    Kind = ItemKind.Action,
                },
                RatingScheme.Default,
                OutturnValue.Of(1),
                OutturnValue.Of(1)
            )
        );
    }

    private static PeriodEntry E(string period, decimal? value, decimal? target = null) =>
        new()
        {
            Period = Period.Parse(period),
            Value = value is { } v ? OutturnValue.Of(v) : OutturnValue.NotRecorded,
            Target = target is { } t ? Target.Of(t) : null,
        };

    [Fact]
    public void Evaluates_short_and_long_term_direction()
    {
        var series = new ItemSeries([E("2016/17 Q1", 89.42m), E("2016/17 Q4", 90.6m), E("2017/18 Q1", 99, 96)]);
        var quarterly = Higher with { Frequency = Frequency.Quarterly, Unit = Unit.Percentage };
        var eval = Evaluator.Evaluate(quarterly, RatingScheme.Default, series, Period.Parse("2017/18 Q1"));
        Assert.Equal(Rag.Green, eval.Rating.Final);
        Assert.Equal(Direction.Improving, eval.DirectionShort);
        Assert.Equal(Direction.Improving, eval.DirectionLong);
        Assert.Equal(90.6m, eval.Previous!.Value.Number);
        Assert.Equal("2016/17 Q4", eval.PreviousPeriod.ToString());
        Assert.False(eval.IsCarriedForward);
    }

    [Fact]
    public void Manual_direction_overrides_but_keeps_the_computed_one()
    {
        var entry = E("2017/18 Q1", 5) with
        {
            DirectionOverride = Direction.Planned,
            OverrideReason = "Planned reduction",
        };
        var series = new ItemSeries([E("2016/17 Q4", 9), entry]);
        var eval = Evaluator.Evaluate(
            Higher with
            {
                Frequency = Frequency.Quarterly,
            },
            RatingScheme.Default,
            series,
            entry.Period
        );
        Assert.Equal(Direction.Planned, eval.DirectionShort);
        Assert.Equal(Direction.Deteriorating, eval.ComputedShort);
        Assert.Equal(Direction.New, eval.ComputedLong);
    }

    [Fact]
    public void Rolls_monthly_figures_up_into_a_quarter_by_aggregation()
    {
        var months = new ItemSeries([E("2017-04", 58, 90), E("2017-05", 50, 90), E("2017-06", 45, 90)]);
        var average = Evaluator.Evaluate(
            Higher with
            {
                Aggregation = Aggregation.Average,
            },
            RatingScheme.Default,
            months,
            Period.Parse("2017/18 Q1")
        );
        Assert.Equal(51m, average.Value.Number);
        Assert.Equal(90m, average.Target!.Value.Value);
        Assert.Equal(Rag.Red, average.Rating.Final);
        var snapshot = Evaluator.Evaluate(Higher, RatingScheme.Default, months, Period.Parse("2017/18 Q1"));
        Assert.Equal(45m, snapshot.Value.Number);
        Assert.Equal("average of 3 months", average.Entry!.ValueNote);
        Assert.Equal("June 2017", Period.Parse("2017-06").Label);
    }

    [Fact]
    public void An_annual_target_beside_quarterly_figures_is_used_for_the_year()
    {
        var cumulative = Higher with
        {
            Frequency = Frequency.Quarterly,
            Aggregation = Aggregation.CumulativeYearToDate,
        };
        var series = new ItemSeries([
            E("2017/18 Q1", 6, 5),
            E("2017/18 Q2", 11, 10),
            E("2017/18 Q3", 14, 15),
            E("2017/18 Q4", 19, 20),
            E("2017/18", null, 20),
        ]);
        var year = Evaluator.Evaluate(cumulative, RatingScheme.Default, series, Period.Parse("2017/18"));
        Assert.Equal(19m, year.Value.Number);
        Assert.Equal(20m, year.Target!.Value.Value);
        Assert.Equal(Rag.Amber, year.Rating.Final); // 1 short of 20 is within 5%
        Assert.False(year.IsCarriedForward);
    }

    [Fact]
    public void Carries_the_latest_figure_forward_when_the_period_has_none()
    {
        var annual = Higher with { Frequency = Frequency.Annual };
        var series = new ItemSeries([E("2015/16", 700), E("2016/17", 770, 760)]);
        var eval = Evaluator.Evaluate(annual, RatingScheme.Default, series, Period.Parse("2017/18 Q1"));
        Assert.True(eval.IsCarriedForward);
        Assert.Equal("2016/17", eval.Period.ToString());
        Assert.Equal(Direction.Improving, eval.DirectionShort);
        Assert.Equal(Rag.Green, eval.Rating.Final);
    }

    [Fact]
    public void Actions_carry_their_latest_status()
    {
        var action = new MeasureProfile { Kind = ItemKind.Action, Frequency = Frequency.Quarterly };
        var series = new ItemSeries([
            new PeriodEntry { Period = Period.Parse("2017/18 Q1"), Status = ActionStatus.SomeSlippage },
        ]);
        var eval = Evaluator.Evaluate(action, RatingScheme.Default, series, Period.Parse("2017/18 Q2"));
        Assert.Equal(Rag.Amber, eval.Rating.Final);
        Assert.Null(eval.DirectionShort);
    }
}
