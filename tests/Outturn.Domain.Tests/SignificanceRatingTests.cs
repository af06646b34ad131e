using Outturn.Domain.Comparisons;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>A measure rated by significance against a comparator: better green, similar amber, worse red, decided
/// as Fingertips decides it (the comparator inside the figure's 95% interval, ends included, is similar).</summary>
public class SignificanceRatingTests
{
    private static readonly Period March = Period.Month(2018, 3);

    // Wilson's score interval for 65 of 100 at 95%: 55.25444% to 73.63575% (PHEindicatormethods' published test
    // value, phe_proportion).
    private const double WilsonLower = 55.25444;
    private const double WilsonUpper = 73.63575;

    private static readonly MeasureProfile Percent = new()
    {
        Unit = Unit.Percentage,
        Polarity = Polarity.HigherIsBetter,
        RateBySignificance = ComparatorTarget.England,
    };

    private static readonly RatingScheme Scheme = new() { AmberTolerance = Tolerance.Relative(5) };

    private static PeriodEntry Entry(decimal england) =>
        new()
        {
            Period = March,
            Value = OutturnValue.Of(65m),
            Numerator = 65,
            Denominator = 100,
            BenchmarkNational = england,
        };

    [Theory]
    // The interval's ends are inside it: similar.
    [InlineData(55.3, Rag.Amber)]
    [InlineData(73.6, Rag.Amber)]
    [InlineData(65, Rag.Amber)]
    // Just outside: better when England is below it, worse when above (higher is better).
    [InlineData(55.2, Rag.Green)]
    [InlineData(40, Rag.Green)]
    [InlineData(73.7, Rag.Red)]
    [InlineData(90, Rag.Red)]
    public void Higher_is_better_percentage_by_wilsons_interval(double england, Rag expected) =>
        Assert.Equal(expected, RagRater.Rate(Percent, Scheme, Entry((decimal)england)).Final);

    [Theory]
    [InlineData(55.2, Rag.Red)]
    [InlineData(73.7, Rag.Green)]
    [InlineData(60, Rag.Amber)]
    public void Lower_is_better_turns_the_sides_round(double england, Rag expected) =>
        Assert.Equal(
            expected,
            RagRater.Rate(Percent with { Polarity = Polarity.LowerIsBetter }, Scheme, Entry((decimal)england)).Final
        );

    [Fact]
    public void The_boundary_is_the_interval_itself_ends_included()
    {
        var profile = Percent;
        var interval = new ConfidenceInterval(WilsonLower, WilsonUpper);
        var entry = new PeriodEntry
        {
            Period = March,
            Value = OutturnValue.Of(65m),
            BenchmarkNational = (decimal)WilsonLower,
            PublishedInterval = interval,
        };
        Assert.Equal(Rag.Amber, RagRater.Rate(profile, Scheme, entry).Final);
        Assert.Equal(
            Rag.Green,
            RagRater.Rate(profile, Scheme, entry with { BenchmarkNational = (decimal)WilsonLower - 0.00001m }).Final
        );
        Assert.Equal(
            Rag.Amber,
            RagRater.Rate(profile, Scheme, entry with { BenchmarkNational = (decimal)WilsonUpper }).Final
        );
        Assert.Equal(
            Rag.Red,
            RagRater.Rate(profile, Scheme, entry with { BenchmarkNational = (decimal)WilsonUpper + 0.00001m }).Final
        );
    }

    [Fact]
    public void The_reason_names_the_figure_the_interval_and_the_comparator()
    {
        Assert.Equal(
            "Green: 65% (95% confidence interval 55.3% to 73.6%) is significantly better than England's figure of 50%",
            RagRater.Rate(Percent, Scheme, Entry(50m)).Reason
        );
        Assert.Equal(
            "Red: 65% (95% confidence interval 55.3% to 73.6%) is significantly worse than England's figure of 80%",
            RagRater.Rate(Percent, Scheme, Entry(80m)).Reason
        );
        Assert.Equal(
            "Amber: 65% is similar to England's figure of 70%, which lies within its 95% confidence interval 55.3% "
                + "to 73.6%",
            RagRater.Rate(Percent, Scheme, Entry(70m)).Reason
        );
    }

    [Fact]
    public void A_rate_per_n_uses_byars_interval_and_the_measures_own_comparator()
    {
        // Byar's interval for a count of 65 at 95%: 50.16319 to 82.84914 (PHEindicatormethods, byars_lower and
        // byars_upper); per 1,000 of a denominator of 1,000 the same figures.
        var rate = new MeasureProfile
        {
            Unit = Unit.Rate,
            RatePer = 1000,
            Polarity = Polarity.LowerIsBetter,
            RateBySignificance = ComparatorTarget.Neighbours,
        };
        PeriodEntry At(decimal neighbours) =>
            new()
            {
                Period = March,
                Value = OutturnValue.Of(65m),
                Numerator = 65,
                Denominator = 1000,
                BenchmarkNational = 10m,
                BenchmarkNeighbours = neighbours,
            };

        Assert.Equal(Rag.Amber, RagRater.Rate(rate, Scheme, At(50.2m)).Final);
        Assert.Equal(Rag.Red, RagRater.Rate(rate, Scheme, At(50.1m)).Final);
        Assert.Equal(Rag.Amber, RagRater.Rate(rate, Scheme, At(82.8m)).Final);
        Assert.Equal(Rag.Green, RagRater.Rate(rate, Scheme, At(82.9m)).Final);
        Assert.Contains(
            "the statistical neighbours' average of 82.9 per 1,000",
            RagRater.Rate(rate, Scheme, At(82.9m)).Reason,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void The_entrys_own_count_wins_over_a_published_interval()
    {
        var entry = Entry(50m) with { PublishedInterval = new ConfidenceInterval(40, 60) };
        Assert.Equal(Rag.Green, RagRater.Rate(Percent, Scheme, entry).Final);
        Assert.Equal(
            Rag.Amber,
            RagRater.Rate(Percent, Scheme, entry with { Numerator = null, Denominator = null }).Final
        );
    }

    [Fact]
    public void Without_a_figure_a_comparator_or_an_interval_it_is_not_rated_and_says_what_is_missing()
    {
        var noFigure = Entry(50m) with { Value = OutturnValue.Missing(MissingReason.NotYetAvailable) };
        Assert.Equal((Rag.NoData, "No data: no figure to compare with England's figure"), Rated(noFigure));

        var noComparator = Entry(50m) with { BenchmarkNational = null };
        Assert.Equal(Rag.NoTarget, Rated(noComparator).Rag);
        Assert.Contains("there is none for this period", Rated(noComparator).Reason, StringComparison.Ordinal);

        var noInterval = Entry(50m) with { Numerator = null, Denominator = null };
        Assert.Equal(Rag.NoTarget, Rated(noInterval).Rag);
        Assert.Contains("has no confidence interval", Rated(noInterval).Reason, StringComparison.Ordinal);

        // A count, not a percentage or rate: no method gives it an interval.
        var count = Percent with
        {
            Unit = Unit.Count,
        };
        Assert.Equal(Rag.NoTarget, RagRater.Rate(count, Scheme, Entry(50m)).Final);

        static (Rag Rag, string Reason) Rated(PeriodEntry e)
        {
            var r = RagRater.Rate(Percent, Scheme, e);
            return (r.Final, r.Reason);
        }
    }

    [Fact]
    public void The_target_is_not_used_and_a_manual_override_still_stands()
    {
        // 65% against a target of 90% would be red; by significance against England's 50% it is green.
        var entry = Entry(50m) with
        {
            Target = Target.Of(90m),
        };
        Assert.Equal(Rag.Green, RagRater.Rate(Percent, Scheme, entry).Final);
        Assert.Equal(Rag.Red, RagRater.Rate(Percent with { RateBySignificance = null }, Scheme, entry).Final);

        var overridden = RagRater.Rate(Percent, Scheme, entry with { RagOverride = Rag.Amber, OverrideReason = "x" });
        Assert.Equal((Rag.Amber, Rag.Green), (overridden.Final, overridden.Computed));
    }

    [Fact]
    public void A_measure_without_polarity_is_not_rated_by_significance()
    {
        var none = Percent with { Polarity = Polarity.None };
        Assert.Equal(Rag.NoTarget, RagRater.Rate(none, Scheme, Entry(50m)).Final);
    }
}
