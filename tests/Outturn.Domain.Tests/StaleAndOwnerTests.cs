using Outturn.Domain.Cycle;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Values;

namespace Outturn.Domain.Tests;

/// <summary>The attention list's checks of stale figures and of owners.</summary>
public class StaleAndOwnerTests
{
    private static readonly Period March = Period.Month(2018, 3);

    private static ItemSeries Figures(params Period[] periods) =>
        new(periods.Select(p => new PeriodEntry { Period = p, Value = OutturnValue.Of(10) }));

    [Theory]
    // A monthly figure: February's or January's is recent enough at the end of March (a month and a month's lag).
    [InlineData(Frequency.Monthly, "2018-02", false)]
    [InlineData(Frequency.Monthly, "2018-01", false)]
    [InlineData(Frequency.Monthly, "2017-12", true)]
    // A quarterly one: the last quarter (December) is fine in March, the one before (September) is not.
    [InlineData(Frequency.Quarterly, "2017/18 Q3", false)]
    [InlineData(Frequency.Quarterly, "2017/18 Q2", true)]
    // An annual one: last year's is fine, the year before's is not.
    [InlineData(Frequency.Annual, "2016/17", false)]
    [InlineData(Frequency.Annual, "2015/16", true)]
    public void A_figure_is_stale_after_its_own_period_and_a_months_lag(Frequency frequency, string latest, bool stale)
    {
        var profile = new MeasureProfile { Frequency = frequency };
        var why = Attention.Stale(profile, Figures(Period.Parse(latest)), March);
        Assert.Equal(stale, why is not null);
        if (why is not null)
        {
            Assert.StartsWith(
                $"the latest figure is for {Period.Parse(latest).Label}, ",
                why,
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public void A_reason_there_is_no_figure_is_not_a_figure_and_nothing_ever_is_not_stale()
    {
        var profile = new MeasureProfile { Frequency = Frequency.Monthly };
        var series = new ItemSeries([
            new PeriodEntry { Period = Period.Month(2017, 11), Value = OutturnValue.Of(5) },
            new PeriodEntry
            {
                Period = Period.Month(2018, 3),
                Value = OutturnValue.Missing(MissingReason.NotCollected),
            },
        ]);
        Assert.Equal(
            "the latest figure is for November 2017, 4 months before the end of March 2018",
            Attention.Stale(profile, series, March)
        );
        Assert.Null(Attention.Stale(profile, ItemSeries.Empty, March));
    }

    [Fact]
    public void An_owner_problem_is_listed_for_each_item_it_names()
    {
        var profile = new MeasureProfile { Frequency = Frequency.Monthly };
        var series = Figures(March);
        Reporting.EvaluatedItem Item(string reference) =>
            new(
                reference,
                reference,
                null,
                null,
                null,
                [],
                profile,
                Evaluator.Evaluate(profile, RatingScheme.Default, series, March),
                series
            );
        var found = Attention.Check(
            [(Item("A"), null), (Item("B"), null)],
            new DateOnly(2018, 4, 20),
            i => i.Ref == "B" ? "no owner is named" : null,
            March
        );
        var owner = Assert.Single(found, f => f.Kind == AttentionKind.NoOwner);
        Assert.Equal(("B", "no owner is named"), (owner.Ref, owner.Why));
    }
}
