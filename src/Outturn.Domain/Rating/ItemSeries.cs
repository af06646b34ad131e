using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>All the entries recorded for one item, by period.</summary>
public sealed class ItemSeries
{
    private readonly Dictionary<Period, PeriodEntry> _byPeriod;
    private readonly PeriodEntry[] _ordered;

    public ItemSeries(IEnumerable<PeriodEntry> entries)
    {
        _byPeriod = [];
        foreach (var entry in entries)
        {
            _byPeriod[entry.Period] = entry;
        }

        _ordered = [.. _byPeriod.Values.OrderBy(e => e.Period)];
    }

    public static readonly ItemSeries Empty = new([]);

    public IReadOnlyList<PeriodEntry> Entries => _ordered;

    public PeriodEntry? At(Period period) => _byPeriod.GetValueOrDefault(period);

    /// <summary>Entries whose periods lie wholly within <paramref name="period"/>, of one kind, in order.</summary>
    public IEnumerable<PeriodEntry> Within(Period period, PeriodKind kind) =>
        _ordered.Where(e => e.Period.Kind == kind && period.Contains(e.Period));

    /// <summary>The latest entry ending on or before the end of <paramref name="period"/> that satisfies <paramref
    /// name="filter"/>.</summary>
    public PeriodEntry? LatestEndingBy(Period period, Func<PeriodEntry, bool> filter)
    {
        for (var i = _ordered.Length - 1; i >= 0; i--)
        {
            var e = _ordered[i];
            if (e.Period.EndMonth <= period.EndMonth && filter(e))
            {
                return e;
            }
        }

        return null;
    }
}
