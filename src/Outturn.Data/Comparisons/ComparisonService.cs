using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Periods;

namespace Outturn.Data.Comparisons;

/// <summary>One linked measure compared with its group, England and its region for one period.</summary>
public sealed record MeasureComparison(
    int ItemId,
    string Ref,
    string Title,
    string Metric,
    string MetricTitle,
    string? Unit,
    Period Period,
    string? Group,
    string? GroupTitle,
    GroupComparison Result,
    IReadOnlyList<(Area Area, AreaFigure Figure)> Members,
    bool OwnFromEntry
)
{
    /// <summary>Fingertips' recent-trend test of the council's own last five figures of the metric, ending with
    /// <see cref="Period"/>.</summary>
    public Domain.Statistics.RecentTrend? Trend { get; init; }

    /// <summary>The measure's polarity, by which a trend is getting better or worse.</summary>
    public Domain.Framework.Polarity Polarity { get; init; } = Domain.Framework.Polarity.HigherIsBetter;
}

/// <summary>Compares an organisation's linked measures (<c>benchmark_metric</c>) with the national data: the group
/// named or the organisation's own, England and the region its area belongs to (docs/comparisons.md).</summary>
public sealed class ComparisonService(OutturnDbContext db)
{
    /// <summary>Every linked measure, for <paramref name="period"/> or, when null, each one's latest period with a
    /// national figure for the organisation's area (ending by the month <paramref name="endingBy"/>, when
    /// given).</summary>
    /// <param name="groupName">The comparator group; null for the organisation's own.</param>
    public async Task<IReadOnlyList<MeasureComparison>> CompareAsync(
        Organisation org,
        Period? period,
        string? groupName = null,
        string? itemRef = null,
        int? endingBy = null,
        CancellationToken ct = default
    )
    {
        var own = org.AreaCode is { } code
            ? AreaCode.Parse(code)
            : throw new OutturnException(
                $"'{org.Name}' has no area code to compare: set it with outturn org set --area-code E06000031."
            );
        var name = groupName ?? org.ComparatorGroup;
        var group = name is null
            ? null
            : await db
                .ComparatorGroups.AsNoTracking()
                .Include(g => g.Members)
                .SingleOrDefaultAsync(g => g.Name == name, ct)
                ?? throw new OutturnException($"There is no comparator group named '{name}'.");
        var members = group is null
            ? []
            : group
                .Members.Where(m => m.ForArea == "" || m.ForArea == own.ToString())
                .Select(m => m.AreaCode)
                .ToHashSet(StringComparer.Ordinal);
        var ownArea = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == own.ToString(), ct);
        var region = ownArea?.ParentCode;

        var key = itemRef is null ? null : Item.KeyOf(itemRef);
        var items = await db
            .Items.AsNoTracking()
            .Where(i => i.OrganisationId == org.Id && i.BenchmarkMetric != null && (key == null || i.RefKey == key))
            .OrderBy(i => i.SortOrder)
            .ToListAsync(ct);
        var metricKeys = items.Select(i => i.BenchmarkMetric!.ToUpperInvariant()).Distinct().ToList();
        var metrics = await db
            .Metrics.AsNoTracking()
            .Where(m => metricKeys.Contains(m.KeyUpper))
            .ToDictionaryAsync(m => m.KeyUpper, ct);

        // Every area whose figures count: the members, the organisation, England and the region, and any area an
        // earlier boundary change recoded into one of them (its history follows its successor).
        var wanted = new HashSet<string>(members, StringComparer.Ordinal)
        {
            own.ToString(),
            AreaCode.England.ToString(),
        };
        if (region is not null)
        {
            wanted.Add(region);
        }

        var wantedList = wanted.ToList();
        var predecessors = await db
            .Areas.AsNoTracking()
            .Where(a => a.SuccessorCode != null && wantedList.Contains(a.SuccessorCode))
            .ToDictionaryAsync(a => a.Code, a => a.SuccessorCode!, ct);
        var readCodes = wantedList.Concat(predecessors.Keys).ToList();
        var areas = await db
            .Areas.AsNoTracking()
            .Where(a => wantedList.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, ct);

        // Each measure's period: the one asked for, else its metric's latest with a figure for the organisation's
        // area (one query for every metric).
        var metricIds = metrics.Values.Select(m => m.Id).ToList();
        var periodOf = new Dictionary<int, Period>();
        if (period is { } asked)
        {
            foreach (var id in metricIds)
            {
                periodOf[id] = asked;
            }
        }
        else
        {
            var ownCode = own.ToString();
            var ownPeriods = await db
                .NationalValues.AsNoTracking()
                .Where(v => metricIds.Contains(v.MetricId) && v.AreaCode == ownCode)
                .Where(v => endingBy == null || v.PeriodEnd <= endingBy)
                .Select(v => new
                {
                    v.MetricId,
                    v.PeriodKind,
                    v.PeriodStart,
                    v.PeriodEnd,
                })
                .ToListAsync(ct);
            foreach (var latest in ownPeriods.GroupBy(v => v.MetricId))
            {
                var last = latest.OrderBy(v => v.PeriodEnd).ThenBy(v => v.PeriodStart).Last();
                periodOf[latest.Key] = Period.FromMonths((PeriodKind)last.PeriodKind, last.PeriodStart, last.PeriodEnd);
            }
        }

        // Every figure wanted, one query per distinct period.
        var stored = new Dictionary<(int Metric, string Period), List<NationalValue>>();
        foreach (var byPeriod in periodOf.GroupBy(p => p.Value, p => p.Key))
        {
            var ids = byPeriod.ToList();
            var text = byPeriod.Key.ToString();
            var end = byPeriod.Key.EndMonth;
            var rows = await db
                .NationalValues.AsNoTracking()
                .Where(v => ids.Contains(v.MetricId) && v.PeriodEnd == end && v.Period == text)
                .Where(v => readCodes.Contains(v.AreaCode))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                var at = (row.MetricId, text);
                if (!stored.TryGetValue(at, out var list))
                {
                    stored[at] = list = [];
                }

                list.Add(row);
            }
        }

        // The council's own figures, for measures whose area has no national figure.
        var itemIds = items.Select(i => i.Id).ToList();
        var periodTexts = periodOf.Values.Select(p => p.ToString()).Distinct().ToList();
        var ownEntries = (
            await db
                .Entries.AsNoTracking()
                .Where(e => itemIds.Contains(e.ItemId) && periodTexts.Contains(e.Period) && e.ValueNumber != null)
                .Select(e => new
                {
                    e.ItemId,
                    e.Period,
                    e.ValueNumber,
                })
                .ToListAsync(ct)
        ).ToDictionary(e => (e.ItemId, e.Period), e => (double)e.ValueNumber!.Value);

        var result = new List<MeasureComparison>();
        foreach (var item in items)
        {
            if (
                !metrics.TryGetValue(item.BenchmarkMetric!.ToUpperInvariant(), out var metric)
                || !periodOf.TryGetValue(metric.Id, out var p)
            )
            {
                continue;
            }

            var text = p.ToString();
            var rows = stored.GetValueOrDefault((metric.Id, text)) ?? [];
            var terms = MetricTerms.Of(metric.Unit, metric.RatePer, metric.Polarity);
            var figures = new Dictionary<string, AreaFigure>(StringComparer.Ordinal);
            foreach (var row in rows.OrderBy(r => predecessors.ContainsKey(r.AreaCode) ? 1 : 0))
            {
                var areaCode = predecessors.GetValueOrDefault(row.AreaCode, row.AreaCode);
                figures.TryAdd(areaCode, FigureOf(AreaCode.Parse(areaCode), row, terms));
            }

            // A period with figures for no other area (a council's own history) has nothing to compare with.
            if (!figures.Keys.Any(code => code != own.ToString()))
            {
                continue;
            }

            var ownFromEntry = false;
            if (!figures.TryGetValue(own.ToString(), out var ownFigure))
            {
                ownFigure = new AreaFigure(
                    own,
                    ownEntries.TryGetValue((item.Id, text), out var entered) ? entered : null
                );
                ownFromEntry = ownFigure.Value is not null;
            }

            var memberFigures = members
                .Select(m => figures.GetValueOrDefault(m) ?? new AreaFigure(AreaCode.Parse(m), null))
                .ToList();
            var comparison = Comparison.Compare(
                terms,
                ownFigure,
                memberFigures,
                figures.GetValueOrDefault(AreaCode.England.ToString()),
                region is null ? null : figures.GetValueOrDefault(region),
                org.SmallNumbers
            );
            var shown = memberFigures
                .Append(ownFigure)
                .DistinctBy(f => f.Area)
                .Select(f =>
                    (
                        areas.GetValueOrDefault(f.Area.ToString())
                            ?? new Area { Code = f.Area.ToString(), Name = f.Area.ToString() },
                        f
                    )
                )
                .ToList();
            result.Add(
                new MeasureComparison(
                    item.Id,
                    item.Ref,
                    item.Title,
                    metric.Key,
                    metric.Title,
                    metric.Unit,
                    p,
                    group?.Name,
                    group?.Name,
                    comparison,
                    shown,
                    ownFromEntry
                )
                {
                    Polarity = item.Polarity,
                    // By the council's own national figures: one small query per measure.
                    Trend = await RecentTrendAsync(own, metric, p, ct),
                }
            );
        }

        return result;
    }

    /// <summary>A stored figure with its intervals as published, or worked out from its count and
    /// denominator.</summary>
    private static AreaFigure FigureOf(AreaCode code, NationalValue v, MetricTerms terms) =>
        new(
            code,
            v.Value,
            v.Count,
            v.Denominator,
            v.Lower95 is { } l && v.Upper95 is { } u
                ? new ConfidenceInterval(l, u)
                : terms.IntervalFrom(v.Count, v.Denominator, ConfidenceLevel.Ninety5),
            v.Lower998 is { } l2 && v.Upper998 is { } u2
                ? new ConfidenceInterval(l2, u2)
                : terms.IntervalFrom(v.Count, v.Denominator, ConfidenceLevel.Ninety9Point8)
        );

    /// <summary>
    /// Fingertips' recent-trend test (<see cref="Domain.Statistics.RecentTrends"/>) of the organisation's own area's
    /// last five figures of the compared metric, of the compared period's kind, ending with it: for a percentage with
    /// counts, the test for proportions; otherwise the weighted test on each figure's 95% interval, as published or,
    /// for a rate with counts, worked out (Byar's method). Fewer than five such figures cannot be tested.
    /// </summary>
    private async Task<Domain.Statistics.RecentTrend> RecentTrendAsync(
        AreaCode own,
        Metric metric,
        Period period,
        CancellationToken ct
    )
    {
        var area = own.ToString();
        var (kind, end) = ((int)period.Kind, period.EndMonth);
        var rows = await db
            .NationalValues.AsNoTracking()
            .Where(v => v.MetricId == metric.Id && v.AreaCode == area && v.PeriodKind == kind && v.PeriodEnd <= end)
            .OrderByDescending(v => v.PeriodEnd)
            .Take(Domain.Statistics.RecentTrends.Points)
            .ToListAsync(ct);
        rows.Reverse();
        var terms = MetricTerms.Of(metric.Unit, metric.RatePer, metric.Polarity);
        if (terms.Shape == MetricShape.Percentage && rows.All(r => r is { Count: not null, Denominator: not null }))
        {
            return Domain.Statistics.RecentTrends.TestProportions([
                .. rows.Select(r => (r.Count!.Value, r.Denominator!.Value)),
            ]);
        }

        Domain.Statistics.TrendPoint? Point(NationalValue r) =>
            r.Value is not { } value ? null
            : (r.Lower95, r.Upper95) is ({ } lower, { } upper) ? new(value, lower, upper)
            : terms.Shape == MetricShape.Rate && r is { Count: { } count, Denominator: { } denominator }
                ? ConfidenceIntervals.Rate(count, denominator, ConfidenceLevel.Ninety5, terms.RatePer) is var ci
                        ? new(value, ci.Lower, ci.Upper)
                    : null
            : null;
        var points = rows.Select(Point).ToList();
        return points.Any(p => p is null)
            ? new Domain.Statistics.RecentTrend(Domain.Statistics.RecentTrendKind.CannotBeCalculated, 0, 0)
            : Domain.Statistics.RecentTrends.Test([.. points.OfType<Domain.Statistics.TrendPoint>()]);
    }
}
