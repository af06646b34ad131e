using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>
/// Finds what an item reports for a period. An entry recorded for exactly that period wins. Otherwise the
/// item's own (shorter) periods inside it are rolled up by its aggregation: snapshot and cumulative year to
/// date take the last figure, average takes the mean. Otherwise the period cannot be resolved exactly.
/// </summary>
public static class PeriodResolver
{
    public static PeriodEntry? Exact(MeasureProfile item, ItemSeries series, Period period)
    {
        var exact = series.At(period);
        var native = item.Frequency.NativePeriodKind();
        if (item.Kind == ItemKind.Action || native == period.Kind || (exact is not null && HasOutturn(exact)))
        {
            return exact;
        }

        // An entry holding only the period's own target (an annual target beside quarterly figures) keeps
        // that target; the figure comes from the item's shorter periods.
        var parts = series.Within(period, native).ToList();
        if (parts.Count == 0)
        {
            return exact;
        }

        var rolled = RollUp(item, period, parts);
        return exact?.Target is { } own ? rolled with { Target = own } : rolled;
    }

    /// <summary>A figure, a text outturn, a status, or a stated reason other than "not yet available".</summary>
    private static bool HasOutturn(PeriodEntry entry) =>
        entry.Status is not null
        || entry.Value.Kind != OutturnKind.Missing
        || entry.Value.MissingReason is not (null or MissingReason.NotYetAvailable)
        || entry.Breakdown is not null;

    /// <summary>
    /// What the item reports as at <paramref name="period"/>: the exact or rolled-up entry, or else the latest
    /// entry with a figure (or status) that ended by then, e.g. an annual measure's last year when asked for a quarter;
    /// or a later one that says why there is no figure ("new data unavailable" for July after June's figure).
    /// </summary>
    public static PeriodEntry? AsAt(MeasureProfile item, ItemSeries series, Period period) =>
        Exact(item, series, period)
        ?? series.LatestEndingBy(
            period,
            e =>
                item.Kind == ItemKind.Action
                    ? e.Status is not null
                    : e.Value.Kind != OutturnKind.Missing
                        || e.Value.MissingReason is not null
                        || e.Breakdown is not null
        );

    private static PeriodEntry RollUp(MeasureProfile item, Period period, List<PeriodEntry> parts)
    {
        var last = parts[^1];
        var numbers = parts.Where(p => p.Value.IsNumber).ToList();
        var targets = parts.Where(p => p.Target is { HasNumber: true }).Select(p => p.Target!.Value.Value).ToList();
        var isAverage = item.Aggregation == Aggregation.Average;

        OutturnValue value = isAverage
            ? numbers.Count > 0
                ? OutturnValue.Of(numbers.Average(p => p.Value.Number))
                : OutturnValue.NotRecorded
            : last.Value;
        Target? target = isAverage
            ? targets.Count > 0
                ? Target.Of(targets.Average())
                : last.Target
            : last.Target;

        return new PeriodEntry
        {
            Period = period,
            Value = value,
            Target = target,
            Qualifier = parts.Any(p => p.Qualifier == Qualifier.Provisional) ? Qualifier.Provisional : last.Qualifier,
            ValueNote = isAverage
                ? $"average of {numbers.Count} {(parts[0].Period.Kind == PeriodKind.Month ? "months" : "periods")}"
                : last.ValueNote,
            NoNewData = last.NoNewData,
            Commentary = last.Commentary,
            CorrectiveAction = last.CorrectiveAction,
        };
    }
}
