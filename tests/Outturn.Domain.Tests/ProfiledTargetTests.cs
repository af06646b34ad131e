using CsCheck;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>A cumulative (year-to-date) measure with only an annual target is rated against the target profiled to
/// the period: linear by default, or by the council's own shares (issue "Reports as councils print them", item
/// 6).</summary>
public class ProfiledTargetTests
{
    private static readonly MeasureProfile Cumulative = new()
    {
        Polarity = Polarity.HigherIsBetter,
        Frequency = Frequency.Monthly,
        Aggregation = Aggregation.CumulativeYearToDate,
    };

    private static PeriodEntry E(string period, decimal? value, decimal? target = null) =>
        new()
        {
            Period = Period.Parse(period),
            Value = value is { } v ? OutturnValue.Of(v) : OutturnValue.NotRecorded,
            Target = target is { } t ? Target.Of(t) : null,
        };

    private static Evaluation Evaluate(MeasureProfile m, string period, params PeriodEntry[] entries) =>
        Evaluator.Evaluate(m, RatingScheme.Default, new ItemSeries(entries), Period.Parse(period));

    [Fact]
    public void April_to_July_is_rated_against_four_twelfths_of_the_annual_target()
    {
        var e = Evaluate(Cumulative, "2017-07", E("2017/18", null, 1200), E("2017-07", 390));

        Assert.Equal(400m, e.Entry!.Target!.Value.Value);
        Assert.Equal(1200m, e.Entry.Target.Value.Annual);
        // 390 is 2.5% below 400: amber within the default 5% tolerance (against 1,200 it would be red).
        Assert.Equal(Rag.Amber, e.Rating.Final);
        Assert.Contains(
            "the target of 400 (33.3% of the annual target of 1,200, profiled to the period)",
            e.Rating.Reason
        );
    }

    [Fact]
    public void A_quarter_and_a_half_year_are_profiled_to_their_last_month()
    {
        var quarterly = Cumulative with { Frequency = Frequency.Quarterly };
        Assert.Equal(
            600m,
            Evaluate(quarterly, "2017/18 Q2", E("2017/18", null, 1200), E("2017/18 Q2", 590)).Entry!.Target!.Value.Value
        );
        Assert.Equal(
            1200m,
            Evaluate(
                quarterly,
                "2017/18 Q4",
                E("2017/18", null, 1200),
                E("2017/18 Q4", 1250)
            ).Entry!.Target!.Value.Value
        );
    }

    [Fact]
    public void The_councils_own_shares_replace_the_linear_profile()
    {
        var profiled = Cumulative with
        {
            TargetProfile = TargetProfile.Parse("20%;10%;10%;5%;5%;5%;5%;5%;5%;10%;10%;10%"),
        };
        var e = Evaluate(profiled, "2017-06", E("2017/18", null, 1000), E("2017-06", 390));

        Assert.Equal(400m, e.Entry!.Target!.Value.Value);
        Assert.Contains("(40% of the annual target of 1,000", e.Rating.Reason);
    }

    [Fact]
    public void A_target_for_the_period_itself_wins_and_other_aggregations_are_not_profiled()
    {
        Assert.Equal(
            350m,
            Evaluate(Cumulative, "2017-07", E("2017/18", null, 1200), E("2017-07", 390, 350)).Entry!.Target!.Value.Value
        );
        var snapshot = Cumulative with { Aggregation = Aggregation.Snapshot };
        var e = Evaluate(snapshot, "2017-07", E("2017/18", null, 1200), E("2017-07", 390));
        Assert.Null(e.Entry!.Target);
        Assert.Equal(Rag.NoTarget, e.Rating.Final);
    }

    [Fact]
    public void Without_an_annual_target_there_is_nothing_to_profile()
    {
        var e = Evaluate(Cumulative, "2017-07", E("2017-07", 390));
        Assert.Null(e.Entry!.Target);
        Assert.Equal(Rag.NoTarget, e.Rating.Final);
    }

    [Theory]
    [InlineData("linear", "linear")]
    [InlineData("", "linear")]
    [InlineData("25;25;25;25", "25%;25%;25%;25%")]
    [InlineData(
        "8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.37%",
        "8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.33%;8.37%"
    )]
    public void A_profile_has_one_canonical_text(string text, string canonical) =>
        Assert.Equal(canonical, TargetProfile.Parse(text).ToString());

    [Theory]
    [InlineData("25%;25%;25%", "3 shares: expected 12 (one per month) or 4 (one per quarter)")]
    [InlineData("25%;25%;25%;24.8%", "the shares add up to 99.8%, not 100%")]
    [InlineData("25%;25%;25%;25.1%", null)]
    [InlineData("25%;25%;25%;25.2%", "the shares add up to 100.2%, not 100%")]
    [InlineData("25%;x;25%;25%", "share 2, 'x', is not a percentage")]
    [InlineData("25%;-5%;40%;40%", "share 2, '-5%', is not a percentage")]
    public void Shares_are_twelve_or_four_adding_up_to_100_percent_within_a_tenth(string text, string? error)
    {
        var ok = TargetProfile.TryParse(text, out _, out var why);
        Assert.Equal(error is null, ok);
        Assert.Equal(error, why);
    }

    [Fact]
    public void A_quarterly_profile_spreads_each_quarter_over_its_months()
    {
        var p = TargetProfile.Parse("40%;20%;20%;20%");
        Assert.Equal(0.40m, p.ShareBy(Period.Parse("2017/18 Q1")));
        Assert.Equal(0.40m + (0.20m / 3m), p.ShareBy(Period.Parse("2017-07")));
        Assert.Equal(1m, p.ShareBy(Period.Parse("2018-03")));
    }

    [Fact]
    public void Every_profile_reaches_the_whole_target_by_March_and_never_falls()
    {
        var shares = Gen.Int[0, 1000].Array[12];
        shares
            .Where(a => a.Sum() > 0)
            .Sample(a =>
            {
                var total = a.Sum();
                var percents = a.Select(x => Math.Round(x * 100m / total, 4)).ToArray();
                percents[^1] += 100m - percents.Sum();
                if (percents[^1] < 0)
                {
                    return;
                }

                var profile = TargetProfile.Parse(
                    string.Join(
                        ";",
                        percents.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    )
                );
                var byMonth = Enumerable
                    .Range(0, 12)
                    .Select(m =>
                        profile.ShareBy(Period.Containing(PeriodKind.Month, Period.FinancialYear(2020).StartMonth + m))
                    )
                    .ToList();
                Assert.Equal(1m, byMonth[^1]);
                Assert.True(byMonth.Zip(byMonth.Skip(1)).All(p => p.First <= p.Second));
            });
    }

    [Fact]
    public void Polarity_to_be_confirmed_is_not_rated_and_prints_TBC()
    {
        var tbc = Cumulative with { Polarity = Polarity.ToBeConfirmed, Aggregation = Aggregation.Snapshot };
        var e = Evaluate(tbc, "2017-07", E("2017-06", 380, 400), E("2017-07", 390, 400));
        Assert.Equal(Rag.NoTarget, e.Rating.Final);
        Assert.Equal("Not rated: which way is better is still to be confirmed", e.Rating.Reason);
        Assert.Equal(Direction.Increasing, e.DirectionShort);
        Assert.Equal("tbc", Codes.Of(Polarity.ToBeConfirmed));
    }

    [Theory]
    [InlineData("kg per head", "118.4kg per head")]
    [InlineData("sessions", "118.4 sessions")]
    [InlineData("km", "118.4km")]
    [InlineData("kgs collected", "118.4 kgs collected")]
    public void A_unit_label_follows_the_figure_abbreviations_against_it(string label, string printed) =>
        Assert.Equal(printed, ValueFormatter.Format(118.4m, new MeasureProfile { UnitLabel = label }));
}
