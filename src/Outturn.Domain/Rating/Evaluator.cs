using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>Works out an item's evaluation for a period: rating against target, direction of travel against
/// the measure's previous figure (short term) and the same period last year (long term).</summary>
/// <remarks>The previous figure is the period just before the latest one, or, when that has no figure, the latest
/// earlier figure within the scheme's look-back (<see cref="RatingScheme.LookBackMonths"/>): councils compare with
/// the last figure they reported, which for a section may be February when the latest is July, or last year's
/// annual figure.</remarks>
public static class Evaluator
{
    public static Evaluation Evaluate(MeasureProfile item, RatingScheme scheme, ItemSeries series, Period period)
    {
        var entry = Profiled(item, series, PeriodResolver.AsAt(item, series, period))?.ResolvingComparator();
        var at = entry?.Period ?? period;
        var lastYearPeriod = at.SamePeriodLastYear();
        var previous = Previous(item, scheme, series, at);
        var previousPeriod = previous?.Period ?? at.Previous();
        var lastYear = PeriodResolver.Exact(item, series, lastYearPeriod);
        var current = entry?.Value ?? OutturnValue.NotRecorded;
        var earlier = previous?.Value ?? OutturnValue.NotRecorded;
        var yearAgo = lastYear?.Value ?? OutturnValue.NotRecorded;
        var twoPointShort = DirectionRater.Compare(item, scheme, current, earlier);
        var twoPointLong = DirectionRater.Compare(item, scheme, current, yearAgo);
        // By statistical process control, when the organisation or measure asks for it and there are figures enough:
        // the same judgement for the short and the long term, since it reads the whole series to the latest figure.
        var spc =
            (item.DirectionMethod ?? scheme.DirectionMethod) == Framework.DirectionMethod.Spc && current.IsNumber
                ? DirectionRater.BySpc(Statistics.MeasureSpc.Analyse(item, series, at), at)
                : null;
        var computedShort = spc ?? twoPointShort;
        var computedLong = spc ?? twoPointLong;
        return new Evaluation
        {
            AskedFor = period,
            Period = at,
            Entry = entry,
            Rating = RagRater.Rate(item, scheme, entry),
            Previous = previous,
            LastYear = lastYear,
            PreviousPeriod = previousPeriod,
            LastYearPeriod = lastYearPeriod,
            ComputedShort = computedShort,
            ComputedLong = computedLong,
            TwoPointShort = twoPointShort,
            TwoPointLong = twoPointLong,
            DirectionMethod = spc is null ? Framework.DirectionMethod.TwoPoint : Framework.DirectionMethod.Spc,
            ShownShort = DirectionRater.AsShown(
                item,
                scheme,
                computedShort,
                current,
                earlier,
                entry?.DirectionOverride
            ),
            ShownLong = DirectionRater.AsShown(item, scheme, computedLong, current, yearAgo, entry?.DirectionOverride),
        };
    }

    /// <summary>A cumulative (year-to-date) measure's figure for part of a financial year, with no target of its own,
    /// rated against the year's target profiled to the period's end (<see cref="TargetProfile"/>; linear unless the
    /// measure has a profile). Any other entry is returned as it is.</summary>
    public static PeriodEntry? Profiled(MeasureProfile item, ItemSeries series, PeriodEntry? entry)
    {
        if (
            entry is not { Target: null }
            || item.Kind == Framework.ItemKind.Action
            || item.Aggregation != Framework.Aggregation.CumulativeYearToDate
            || entry.Period.Kind is not (PeriodKind.Month or PeriodKind.FinancialQuarter or PeriodKind.FinancialHalf)
            || series.At(entry.Period.FinancialYearEnding())?.Target is not { HasNumber: true } annual
        )
        {
            return entry;
        }

        var share = (item.TargetProfile ?? TargetProfile.Linear).ShareBy(entry.Period);
        return entry with { Target = Target.ProfiledFrom(annual, share) };
    }

    /// <summary>The figure to compare <paramref name="at"/>'s with: the period before's, else the latest earlier one
    /// with a figure within the look-back.</summary>
    public static PeriodEntry? Previous(MeasureProfile item, RatingScheme scheme, ItemSeries series, Period at)
    {
        var before = PeriodResolver.Exact(item, series, at.Previous());
        if (
            before is not null
            && (
                before.Value.Kind != OutturnKind.Missing
                || before.Breakdown is not null
                || item.Kind == Framework.ItemKind.Action
            )
        )
        {
            return before;
        }

        var earliest = at.StartMonth - scheme.LookBackMonths(item.Frequency);
        var earlier = series.LatestEndingBy(
            at.Previous(),
            e =>
                e.Period.EndMonth < at.StartMonth
                && e.Period.EndMonth >= earliest
                && (
                    item.Kind == Framework.ItemKind.Action
                        ? e.Status is not null
                        : e.Value.Kind is OutturnKind.Number or OutturnKind.Text || e.Breakdown is not null
                )
        );
        return earlier ?? before;
    }
}
