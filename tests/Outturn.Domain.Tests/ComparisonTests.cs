using Outturn.Domain.Comparisons;
using Outturn.Domain.Framework;

namespace Outturn.Domain.Tests;

/// <summary>The interval methods against PHEindicatormethods' published test values (its tests/testthat
/// testdata_Byars_Wilson.xlsx and testdata_Rate.xlsx, worked in R), and the group comparison at its
/// boundaries.</summary>
public class ConfidenceIntervalTests
{
    [Theory]
    [InlineData(65, 100, ConfidenceLevel.Ninety5, 0.55254443296887967, 0.73635751756902468)]
    [InlineData(1045, 5000, ConfidenceLevel.Ninety5, 0.19795549880013297, 0.22049130373189027)]
    [InlineData(0.445, 1, ConfidenceLevel.Ninety5, 0.043817447720588223, 0.93346212769791559)]
    [InlineData(65, 100, ConfidenceLevel.Ninety9Point8, 0.49549465740704313, 0.77835406140896968)]
    [InlineData(1045, 5000, ConfidenceLevel.Ninety9Point8, 0.19179381799015244, 0.22731562902525818)]
    public void Wilson_gives_the_published_interval(
        double count,
        double denominator,
        ConfidenceLevel level,
        double lower,
        double upper
    )
    {
        var ci = ConfidenceIntervals.Wilson(count, denominator, level);

        Assert.Equal(lower, ci.Lower, 7);
        Assert.Equal(upper, ci.Upper, 7);
        Assert.Equal(IntervalMethod.Wilson, ci.Method);
    }

    [Fact]
    public void Wilson_as_a_percentage_stays_between_0_and_100()
    {
        var none = ConfidenceIntervals.Wilson(0, 40, ConfidenceLevel.Ninety5, 100);
        var all = ConfidenceIntervals.Wilson(40, 40, ConfidenceLevel.Ninety5, 100);

        Assert.Equal(0, none.Lower);
        Assert.True(none.Upper is > 0 and < 100);
        Assert.Equal(100, all.Upper, 9);
        Assert.Equal(55.254443, ConfidenceIntervals.Wilson(65, 100, ConfidenceLevel.Ninety5, 100).Lower, 5);
    }

    [Theory]
    [InlineData(65, ConfidenceLevel.Ninety5, 50.163187710459454, 82.849138545939837)]
    [InlineData(1045, ConfidenceLevel.Ninety5, 982.59320180733255, 1110.3312129856499)]
    [InlineData(1, ConfidenceLevel.Ninety5, 0.013072132901504351, 5.5637555824752605)]
    [InlineData(65, ConfidenceLevel.Ninety9Point8, 42.880261471480203, 94.000290844318016)]
    [InlineData(10, ConfidenceLevel.Ninety9Point8, 2.916318374695686, 24.193724927880535)]
    public void Byar_gives_the_published_interval(double count, ConfidenceLevel level, double lower, double upper)
    {
        var ci = ConfidenceIntervals.Byar(count, level);

        Assert.Equal(lower, ci.Lower, 6);
        Assert.Equal(upper, ci.Upper, 6);
    }

    [Theory]
    // Exact below a count of 10, Byar's from 10 (phe_rate's rule).
    [InlineData(5, 100, 100, ConfidenceLevel.Ninety5, 1.623486, 11.66833, IntervalMethod.ExactPoisson)]
    [InlineData(1, 100, 100, ConfidenceLevel.Ninety9Point8, 0.0010005003335835344, 9.2334134764515845, null)]
    [InlineData(5, 100, 100, ConfidenceLevel.Ninety9Point8, 0.739371731917839, 16.454745203680105, null)]
    [InlineData(2, 200, 100000, ConfidenceLevel.Ninety5, 121.10463927198258, 3612.3438338619794, null)]
    [InlineData(10, 200, 100000, ConfidenceLevel.Ninety5, 2393.7249569837822, 9195.7293028782369, IntervalMethod.Byar)]
    [InlineData(19712, 24690, 100000, ConfidenceLevel.Ninety5, 78727.300271336382, 80960.432718132564, null)]
    [InlineData(20, 100, 100, ConfidenceLevel.Ninety9Point8, 8.922802365144193, 38.085035625041911, null)]
    public void Rates_give_the_published_interval_exact_below_ten(
        double count,
        double denominator,
        double per,
        ConfidenceLevel level,
        double lower,
        double upper,
        IntervalMethod? method
    )
    {
        var ci = ConfidenceIntervals.Rate(count, denominator, level, per);

        Assert.Equal(1, ci.Lower / lower, 6);
        Assert.Equal(1, ci.Upper / upper, 6);
        Assert.Equal(count < 10 ? IntervalMethod.ExactPoisson : IntervalMethod.Byar, ci.Method);
        if (method is { } m)
        {
            Assert.Equal(m, ci.Method);
        }
    }

    [Fact]
    public void A_count_of_zero_has_a_lower_limit_of_zero_and_bad_figures_are_refused()
    {
        var zero = ConfidenceIntervals.Rate(0, 1000, ConfidenceLevel.Ninety5, 1000);

        Assert.Equal(0, zero.Lower);
        Assert.Equal(3.688879, zero.Upper, 5); // χ²(0.975; 2) ÷ 2 = −ln(0.025)
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Rate(-1, 100, ConfidenceLevel.Ninety5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Rate(1, 0, ConfidenceLevel.Ninety5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(101, 100, ConfidenceLevel.Ninety5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(2, 1));
    }

    [Fact]
    public void The_normal_quantiles_are_the_two_and_three_standard_error_limits()
    {
        Assert.Equal(1.959964, ConfidenceIntervals.Z(ConfidenceLevel.Ninety5), 6);
        Assert.Equal(3.090232, ConfidenceIntervals.Z(ConfidenceLevel.Ninety9Point8), 6);
    }
}

public class GroupComparisonTests
{
    private static readonly MetricTerms Higher = new(MetricShape.Percentage, 100, Polarity.HigherIsBetter);
    private static readonly MetricTerms Lower = new(MetricShape.Rate, 100000, Polarity.LowerIsBetter);

    private static AreaCode Code(int n) => AreaCode.Parse($"E06{n:D6}");

    private static List<AreaFigure> Group(params double?[] values) =>
        [.. values.Select((v, i) => new AreaFigure(Code(i + 100), v))];

    [Fact]
    public void Ranks_best_first_by_polarity_out_of_the_ranked_members_with_the_area_itself_counted_once()
    {
        var own = new AreaFigure(Code(1), 60);
        var group = Group(70, 50, 65, 40);
        group.Add(own);

        var higher = Comparison.Compare(Higher, own, group);
        var lower = Comparison.Compare(Lower with { Shape = MetricShape.Other }, own, group);

        Assert.Equal((3, 5, 3), (higher.Rank!.Value, higher.GroupSize, higher.Quartile!.Value));
        Assert.Equal((3, 5), (lower.Rank!.Value, lower.GroupSize));
        Assert.False(higher.Joint);
        Assert.Equal(56.25, higher.GroupAverage!.Value, 9); // (70 + 50 + 65 + 40) ÷ 4, itself left out
        Assert.Equal(57.5, higher.GroupMedian!.Value, 9);
        Assert.Equal((60 - 56.25) / 56.25 * 100, higher.VariancePercent!.Value, 9);
    }

    [Theory]
    [InlineData(1, 16, 1)]
    [InlineData(4, 16, 1)]
    [InlineData(5, 16, 2)]
    [InlineData(12, 16, 3)]
    [InlineData(13, 16, 4)]
    [InlineData(16, 16, 4)]
    [InlineData(2, 3, 3)]
    public void The_quartile_is_the_ceiling_of_four_times_rank_over_size(int rank, int size, int quartile)
    {
        var values = Enumerable.Range(0, size).Select(i => (double?)(100 - i)).ToArray();
        var group = Group(values);
        var own = group[rank - 1];

        var result = Comparison.Compare(Higher, own, group);

        Assert.Equal((rank, size, quartile), (result.Rank!.Value, result.GroupSize, result.Quartile!.Value));
    }

    [Fact]
    public void Ties_share_the_best_rank_and_are_joint()
    {
        var own = new AreaFigure(Code(1), 50);
        var group = Group(60, 50, 50, 40);

        var result = Comparison.Compare(Higher, own, group);

        Assert.Equal(2, result.Rank);
        Assert.True(result.Joint);
        Assert.Equal("joint 2nd", Comparison.Ordinal(result.Rank!.Value, result.Joint));
        Assert.Equal(
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "102nd", "111th"],
            new[] { 1, 2, 3, 4, 11, 12, 13, 21, 102, 111 }.Select(r => Comparison.Ordinal(r))
        );
    }

    [Fact]
    public void Small_counts_are_suppressed_and_not_ranked_and_members_without_figures_are_left_out()
    {
        var own = new AreaFigure(Code(1), 2.5, Count: 4, Denominator: 160);
        var group = Group(60, null, 40);
        group.Add(new AreaFigure(Code(9), 10, Count: 3, Denominator: 30));

        var hidden = Comparison.Compare(Higher, own, group);
        var shown = Comparison.Compare(Higher, own, group, smallNumbers: 0);

        Assert.True(hidden.Suppressed);
        Assert.Null(hidden.Rank);
        Assert.Null(hidden.Quartile);
        Assert.Equal(2, hidden.GroupSize); // 60 and 40: the small member and the empty one are not ranked
        Assert.Equal((60 + 40 + 10) / 3.0, hidden.GroupAverage!.Value, 9);
        Assert.False(shown.Suppressed);
        Assert.Equal((4, 4), (shown.Rank!.Value, shown.GroupSize));
    }

    [Fact]
    public void Significance_is_similar_when_the_comparator_is_inside_the_interval_ends_included()
    {
        var ci = new ConfidenceInterval(10, 20);

        Assert.Equal(Significance.Similar, Comparison.Against(ci, 10, Polarity.HigherIsBetter));
        Assert.Equal(Significance.Similar, Comparison.Against(ci, 20, Polarity.HigherIsBetter));
        Assert.Equal(Significance.Better, Comparison.Against(ci, 9.99, Polarity.HigherIsBetter));
        Assert.Equal(Significance.Worse, Comparison.Against(ci, 20.01, Polarity.HigherIsBetter));
        Assert.Equal(Significance.Worse, Comparison.Against(ci, 9.99, Polarity.LowerIsBetter));
        Assert.Equal(Significance.Better, Comparison.Against(ci, 20.01, Polarity.LowerIsBetter));
        Assert.Equal(Significance.Higher, Comparison.Against(ci, 9.99, Polarity.None));
        Assert.Equal(Significance.Lower, Comparison.Against(ci, 20.01, Polarity.None));
        Assert.Equal(Significance.NotCompared, Comparison.Against(null, 15, Polarity.HigherIsBetter));
        Assert.Equal(Significance.NotCompared, Comparison.Against(ci, null, Polarity.HigherIsBetter));
    }

    [Fact]
    public void Intervals_are_worked_out_from_counts_when_none_is_published_and_compared_at_both_levels()
    {
        // 65 of 100 (95%: 55.25–73.64; 99.8%: 49.55–77.84) against England's 52% and the group's 75%.
        var own = new AreaFigure(Code(1), 65, Count: 65, Denominator: 100);
        var england = new AreaFigure(AreaCode.England, 52);
        var group = Group(75, 75);

        var result = Comparison.Compare(Higher, own, group, england);

        Assert.Equal(55.254443, result.Ci95!.Value.Lower, 5);
        Assert.Equal(Significance.Better, result.VsEngland);
        Assert.Equal(Significance.Similar, result.VsEngland998);
        Assert.Equal(Significance.Worse, result.VsGroup);
        Assert.Equal(Significance.Similar, result.VsGroup998);
        Assert.Equal(Significance.NotCompared, result.VsRegion);
    }

    [Fact]
    public void A_published_interval_is_used_as_published()
    {
        var own = new AreaFigure(Code(1), 30, Count: 30, Denominator: 100000, Ci95: new ConfidenceInterval(29, 31));

        var result = Comparison.Compare(Lower, own, Group(28), new AreaFigure(AreaCode.England, 28));

        Assert.Equal(IntervalMethod.Published, result.Ci95!.Value.Method);
        Assert.Equal(Significance.Worse, result.VsEngland);
        Assert.Equal(IntervalMethod.Byar, result.Ci998!.Value.Method);
    }

    [Fact]
    public void The_top_quartile_figure_is_the_worst_figure_still_in_the_best_quarter()
    {
        var values = Enumerable.Range(1, 16).Select(i => (double?)i).ToArray();
        var group = Group(values);

        var higher = Comparison.Compare(Higher, group[0], group);
        var lower = Comparison.Compare(Lower, group[0], group);
        var three = Comparison.Compare(Higher, group[0], Group(5, 7, 9));

        Assert.Equal(13, higher.TopQuartileValue); // 16, 15, 14, 13 are the best four
        Assert.Equal(4, lower.TopQuartileValue);
        Assert.Equal(9, three.TopQuartileValue);
    }

    [Theory]
    [InlineData("E06000031", true)]
    [InlineData(" e92000001 ", true)]
    [InlineData("K02000001", true)]
    [InlineData("E0600003", false)]
    [InlineData("X06000031", false)]
    [InlineData("E06O00031", false)]
    [InlineData("", false)]
    public void Area_codes_are_gss_codes_in_upper_case(string text, bool valid)
    {
        Assert.Equal(valid, AreaCode.TryParse(text, out var code, out var error));
        if (valid)
        {
            Assert.Equal(text.Trim().ToUpperInvariant(), code.ToString());
        }
        else
        {
            Assert.Contains("E06000031", error, StringComparison.Ordinal);
        }
    }
}
