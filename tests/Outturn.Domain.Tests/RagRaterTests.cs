using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

public class RagRaterTests
{
    private static readonly Period Q1 = Period.FinancialQuarter(2017, 1);
    private static readonly MeasureProfile Percent = new()
    {
        Unit = Unit.Percentage,
        Polarity = Polarity.HigherIsBetter,
    };
    private static readonly MeasureProfile LowerPercent = Percent with
    {
        Polarity = Polarity.LowerIsBetter,
        Decimals = 1,
    };

    private static PeriodEntry Entry(decimal? value, decimal? target) =>
        new()
        {
            Period = Q1,
            Value = value is { } v ? OutturnValue.Of(v) : OutturnValue.NotRecorded,
            Target = target is { } t ? Target.Of(t) : null,
        };

    private static RatingScheme TwoState => new() { AmberTolerance = Tolerance.Zero };
    private static RatingScheme Relative5 => new() { AmberTolerance = Tolerance.Relative(5) };
    private static RatingScheme Absolute2 => new() { AmberTolerance = Tolerance.Absolute(2) };
    private static RatingScheme Brag =>
        new() { AmberTolerance = Tolerance.Relative(5), BlueMargin = Tolerance.Relative(2) };

    [Theory]
    // value, target, expected: higher is better, relative 5% of 95 = 4.75
    [InlineData(95, 95, Rag.Green)]
    [InlineData(99, 95, Rag.Green)]
    [InlineData(90.25, 95, Rag.Amber)]
    [InlineData(90.24, 95, Rag.Red)]
    [InlineData(83, 95, Rag.Red)]
    public void Relative_tolerance_higher_is_better(decimal value, decimal target, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(Percent, Relative5, Entry(value, target)).Final);

    [Theory]
    // lower is better: 10% target, 5% relative = 0.5 points
    [InlineData(9, 10, Rag.Green)]
    [InlineData(10.5, 10, Rag.Amber)]
    [InlineData(10.51, 10, Rag.Red)]
    [InlineData(15.9, 10, Rag.Red)]
    public void Relative_tolerance_lower_is_better(decimal value, decimal target, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(LowerPercent, Relative5, Entry(value, target)).Final);

    [Theory]
    [InlineData(93, 95, Rag.Amber)]
    [InlineData(92.99, 95, Rag.Red)]
    [InlineData(96, 95, Rag.Green)]
    public void Absolute_tolerance(decimal value, decimal target, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(Percent, Absolute2, Entry(value, target)).Final);

    [Theory]
    [InlineData(94, 95, Rag.Red)]
    [InlineData(95, 95, Rag.Green)]
    [InlineData(120, 95, Rag.Green)]
    public void Two_state_scheme_has_no_amber_and_no_blue(decimal value, decimal target, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(Percent, TwoState, Entry(value, target)).Final);

    [Theory]
    [InlineData(96.9, 95, Rag.Green)] // 1.9 better, margin 2% of 95 = 1.9: not more than the margin
    [InlineData(97, 95, Rag.Blue)]
    [InlineData(95, 95, Rag.Green)]
    [InlineData(92, 95, Rag.Amber)]
    public void Blue_when_better_by_more_than_the_margin(decimal value, decimal target, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(Percent, Brag, Entry(value, target)).Final);

    [Fact]
    public void Blue_respects_polarity()
    {
        Assert.Equal(Rag.Blue, RagRater.Rate(LowerPercent, Brag, Entry(5, 10)).Final);
        Assert.Equal(Rag.Red, RagRater.Rate(LowerPercent, Brag, Entry(15, 10)).Final);
    }

    [Fact]
    public void Zero_target_uses_no_relative_band()
    {
        var lowerCount = new MeasureProfile { Polarity = Polarity.LowerIsBetter };
        Assert.Equal(Rag.Green, RagRater.Rate(lowerCount, Relative5, Entry(0, 0)).Final);
        Assert.Equal(Rag.Red, RagRater.Rate(lowerCount, Relative5, Entry(1, 0)).Final);
        Assert.Equal(Rag.Amber, RagRater.Rate(lowerCount, Absolute2, Entry(1, 0)).Final);
    }

    [Fact]
    public void No_polarity_or_no_target_is_not_rated()
    {
        Assert.Equal(
            Rag.NoTarget,
            RagRater.Rate(Percent with { Polarity = Polarity.None }, Relative5, Entry(1, 95)).Final
        );
        Assert.Equal(Rag.NoTarget, RagRater.Rate(Percent, Relative5, Entry(1, null)).Final);
        var tbc = Entry(90, null) with { Target = Target.ToBeConfirmed };
        var result = RagRater.Rate(Percent, Relative5, tbc);
        Assert.Equal(Rag.NoTarget, result.Final);
        Assert.Contains("to be confirmed", result.Reason, StringComparison.Ordinal);
        Assert.Equal(
            Rag.NoTarget,
            RagRater.Rate(Percent, Relative5, Entry(90, null) with { Target = Target.None }).Final
        );
    }

    [Fact]
    public void Missing_values_follow_the_scheme()
    {
        var missing = Entry(null, 95) with { Value = OutturnValue.Missing(MissingReason.NotCollected) };
        var noData = RagRater.Rate(Percent, Relative5, missing);
        Assert.Equal(Rag.NoData, noData.Final);
        Assert.Contains("not collected", noData.Reason, StringComparison.Ordinal);
        Assert.Equal(Rag.Amber, RagRater.Rate(Percent, Relative5 with { MissingRating = Rag.Amber }, missing).Final);
        Assert.Equal(Rag.NoTarget, RagRater.Rate(Percent, Relative5, null).Final);
        var text = Entry(null, 95) with { Value = OutturnValue.OfText("Sign off not yet received") };
        Assert.Contains(
            "Sign off not yet received",
            RagRater.Rate(Percent, Relative5, text).Reason,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Says_why_in_words()
    {
        Assert.Equal(
            "Red: 83% is 12 points (12.6%) below the target of 95%; amber tolerance is 5%",
            RagRater.Rate(Percent, Relative5, Entry(83, 95)).Reason
        );
        Assert.Equal(
            "Amber: 94% is 1 point (1.1%) below the target of 95%, within the amber tolerance of 5%",
            RagRater.Rate(Percent, Relative5, Entry(94, 95)).Reason
        );
        Assert.Equal(
            "Red: 15.9% is 5.9 points (59%) above the target of 10.0% (lower is better); amber tolerance is 5%",
            RagRater.Rate(LowerPercent, Relative5, Entry(15.9m, 10)).Reason
        );
        Assert.Equal("Green: 95% meets the target of 95%", RagRater.Rate(Percent, Relative5, Entry(95, 95)).Reason);
        Assert.Equal(
            "Red: 94% is 1 point (1.1%) below the target of 95%; there is no amber band",
            RagRater.Rate(Percent, TwoState, Entry(94, 95)).Reason
        );
        Assert.StartsWith(
            "Blue: 99% is 4 points (4.2%) above the target of 95%, beyond the blue margin of 2%",
            RagRater.Rate(Percent, Brag, Entry(99, 95)).Reason,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Measure_overrides_the_organisation_scheme()
    {
        var strict = Percent with { AmberTolerance = Tolerance.Absolute(0.5m) };
        Assert.Equal(Rag.Red, RagRater.Rate(strict, Relative5, Entry(94, 95)).Final);
        var noBlue = Percent with { BlueMargin = Tolerance.Zero };
        Assert.Equal(Rag.Green, RagRater.Rate(noBlue, Brag, Entry(120, 95)).Final);
    }

    [Fact]
    public void Manual_override_is_reported_beside_the_computed_rating()
    {
        var entry = Entry(83, 95) with { RagOverride = Rag.Amber, OverrideReason = "Data cleansing under way" };
        var result = RagRater.Rate(Percent, Relative5, entry);
        Assert.Equal(Rag.Amber, result.Final);
        Assert.Equal(Rag.Red, result.Computed);
        Assert.True(result.IsOverridden);
        Assert.Contains("Data cleansing under way", result.Reason, StringComparison.Ordinal);
        Assert.Contains("computed Red", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ActionStatus.Completed, Rag.Green)]
    [InlineData(ActionStatus.OnTrack, Rag.Green)]
    [InlineData(ActionStatus.SomeSlippage, Rag.Amber)]
    [InlineData(ActionStatus.MajorSlippage, Rag.Red)]
    [InlineData(ActionStatus.NotStarted, Rag.NoTarget)]
    [InlineData(ActionStatus.Deferred, Rag.NoTarget)]
    [InlineData(ActionStatus.Cancelled, Rag.NoTarget)]
    public void Actions_are_rated_by_status(ActionStatus status, Rag expected)
    {
        var action = new MeasureProfile { Kind = ItemKind.Action };
        Assert.Equal(
            expected,
            RagRater.Rate(action, RatingScheme.Default, new PeriodEntry { Period = Q1, Status = status }).Final
        );
    }

    [Fact]
    public void Action_ratings_are_configuration()
    {
        var action = new MeasureProfile { Kind = ItemKind.Action };
        var scheme = RatingScheme.Default with
        {
            ActionRatings = new Dictionary<ActionStatus, Rag> { [ActionStatus.NotStarted] = Rag.Amber },
        };
        Assert.Equal(
            Rag.Amber,
            RagRater.Rate(action, scheme, new PeriodEntry { Period = Q1, Status = ActionStatus.NotStarted }).Final
        );
        Assert.Equal(Rag.NoData, RagRater.Rate(action, scheme, new PeriodEntry { Period = Q1 }).Final);
    }

    [Fact]
    public void A_target_set_by_comparison_rates_against_that_periods_comparator_and_says_so()
    {
        // The youth offending report: 39.6% against the statistical neighbours' 36.2%, lower is better.
        var entry = Entry(39.6m, null) with
        {
            Target = Target.Compared(ComparatorTarget.Neighbours),
            BenchmarkNeighbours = 36.2m,
            BenchmarkNational = 40m,
        };

        var red = RagRater.Rate(LowerPercent, Relative5, entry);
        var england = RagRater.Rate(
            LowerPercent,
            Relative5,
            entry with
            {
                Target = Target.Compared(ComparatorTarget.England),
            }
        );
        var none = RagRater.Rate(
            LowerPercent,
            Relative5,
            entry with
            {
                Target = Target.Compared(ComparatorTarget.Region),
            }
        );

        Assert.Equal(Rag.Red, red.Final);
        Assert.Equal(
            "Red: 39.6% is 3.4 points (9.4%) worse than the statistical neighbours' average of 36.2%; amber tolerance "
                + "is 5%",
            red.Reason
        );
        Assert.Equal(Rag.Green, england.Final);
        Assert.StartsWith(
            "Green: 39.6% is 0.4 points (1%) better than England's figure of 40.0%",
            england.Reason,
            StringComparison.Ordinal
        );
        Assert.Equal(Rag.NoTarget, none.Final);
        Assert.Equal("No target: the target is the region's figure, and there is none for this period", none.Reason);
        Assert.True(Target.TryParseComparator("Top quartile", out var top));
        Assert.Equal("top_quartile", Target.Code(top));
        Assert.Equal("neighbours", Target.Compared(ComparatorTarget.Neighbours).ToString());
    }

    [Theory]
    [InlineData("england", ComparatorTarget.England, null)]
    [InlineData(
        "Better than England (Annual 3-year rolling period)",
        ComparatorTarget.England,
        "Annual 3-year rolling period"
    )]
    [InlineData("better than the region", ComparatorTarget.Region, null)]
    [InlineData("statistical neighbours' average, three-year mean", ComparatorTarget.Neighbours, "three-year mean")]
    [InlineData("top_quartile ((a) and (b))", ComparatorTarget.TopQuartile, "(a) and (b)")]
    [InlineData("neighbours (a) and (b)", ComparatorTarget.Neighbours, "(a) and (b)")]
    public void A_comparator_target_is_read_as_councils_write_it_and_keeps_its_words(
        string text,
        ComparatorTarget comparator,
        string? words
    )
    {
        Assert.True(Target.TryParseCompared(text, out var target));
        Assert.Equal(comparator, target.Comparator);
        Assert.Equal(words, target.Text);
        // One canonical text that reads back as the same target, and keeps its words when resolved.
        Assert.True(Target.TryParseCompared(target.ToString(), out var again));
        Assert.Equal(target, again);
        Assert.Equal(words, target.ResolvedTo(184).Text);
        Assert.Equal(words is null, Target.TryParseComparator(text, out _));
    }

    [Theory]
    [InlineData("Englandshire")]
    [InlineData("regions")]
    [InlineData("better than")]
    [InlineData("95%")]
    public void Other_words_are_not_a_comparator(string text) => Assert.False(Target.TryParseCompared(text, out _));
}
