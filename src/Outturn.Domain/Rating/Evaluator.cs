using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>Works out an item's evaluation for a period: rating against target, direction of travel against
/// the previous period (short term) and the same period last year (long term).</summary>
public static class Evaluator
{
    public static Evaluation Evaluate(MeasureProfile item, RatingScheme scheme, ItemSeries series, Period period)
    {
        var entry = PeriodResolver.AsAt(item, series, period);
        var at = entry?.Period ?? period;
        var previousPeriod = at.Previous();
        var lastYearPeriod = at.SamePeriodLastYear();
        var previous = PeriodResolver.Exact(item, series, previousPeriod);
        var lastYear = PeriodResolver.Exact(item, series, lastYearPeriod);
        var current = entry?.Value ?? OutturnValue.NotRecorded;
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
            ComputedShort = DirectionRater.Compare(item, scheme, current, previous?.Value ?? OutturnValue.NotRecorded),
            ComputedLong = DirectionRater.Compare(item, scheme, current, lastYear?.Value ?? OutturnValue.NotRecorded),
        };
    }
}
