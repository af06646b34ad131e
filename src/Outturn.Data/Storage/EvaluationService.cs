using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Summaries;
using Outturn.Domain.Values;

namespace Outturn.Data.Storage;

/// <summary>An evaluated item with the stored item it came from (its id, for links and writes).</summary>
public sealed record ItemEvaluation(
    Item Item,
    string? Priority,
    string? Theme,
    IReadOnlyList<string> Committees,
    MeasureProfile Profile,
    Evaluation Evaluation,
    ItemSeries Series
) : EvaluatedItem(Item.Ref, Item.Title, Item.Footnote, Priority, Theme, Committees, Profile, Evaluation, Series);

/// <summary>Loads an organisation's framework and figures and runs the rating engine over them.
/// The one source of the numbers that the CLI, reports and web app show.</summary>
public sealed class EvaluationService(OutturnDbContext db)
{
    /// <summary>How far back before the period figures are read, so that last year's comparisons, a 13-period trend
    /// and carried-forward figures are found: four years for quarterly, annual and other items; two for monthly ones,
    /// whose trend and comparisons need one (docs/rating.md).</summary>
    public const int MonthsOfHistory = 48;

    public const int MonthsOfHistoryMonthly = 24;

    public async Task<Organisation> FindOrganisationAsync(string? name, CancellationToken ct = default)
    {
        if (name is null)
        {
            var all = await db.Organisations.AsNoTracking().Take(2).ToListAsync(ct);
            return all.Count == 1
                ? all[0]
                : throw new OutturnException(
                    all.Count == 0
                        ? "The database holds no organisation: import one first (outturn import or outturn demo)."
                        : "The database holds several organisations: name one with --org."
                );
        }

        return await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == name, ct)
            ?? throw new OutturnException($"There is no organisation named '{name}'.");
    }

    /// <summary>The organisation's committees in their order.</summary>
    public async Task<IReadOnlyList<string>> CommitteesAsync(Organisation org, CancellationToken ct = default) =>
        await db
            .Committees.AsNoTracking()
            .Where(c => c.OrganisationId == org.Id)
            .OrderBy(c => c.SortOrder)
            .Select(c => c.Name)
            .ToListAsync(ct);

    public Task<IReadOnlyList<ItemEvaluation>> EvaluateAsync(
        Organisation org,
        Period period,
        CancellationToken ct = default
    ) => EvaluateAsync(org, period, committee: null, ct: ct);

    /// <summary>Evaluates the organisation's items, or only those reported to <paramref name="committee"/>, for a
    /// period.
    /// Only those items' figures are read: a committee's dashboard costs the same in a database of any size.</summary>
    /// <remarks>Figures are read up to the end of <paramref name="period"/>, or of <paramref name="readThrough"/> when
    /// that ends later (a quarterly report reads to the end of the year for its annual targets), and the entries of
    /// the periods that enclose <paramref name="period"/> (the financial year's target, which a cumulative measure's
    /// month is rated against, profiled). No other later figure changes an evaluation.</remarks>
    public async Task<IReadOnlyList<ItemEvaluation>> EvaluateAsync(
        Organisation org,
        Period period,
        string? committee,
        Period? readThrough = null,
        CancellationToken ct = default
    )
    {
        // Four plain queries: the organisation's committees (few), its items with theme and priority (joins, no
        // collections), the links between them, and where the items' control limits are worked out afresh; the links
        // and rebases are put together here.
        var committees = await db
            .Committees.AsNoTracking()
            .Where(c => c.OrganisationId == org.Id)
            .ToDictionaryAsync(c => c.Id, ct);
        int? committeeId = committee is null
            ? null
            : committees.Values.FirstOrDefault(c => c.Name == committee)?.Id ?? -1;
        var query = db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Where(i => i.OrganisationId == org.Id);
        if (committeeId is { } only)
        {
            // The committee's items found from its links (their index by committee), not by probing every item.
            query = query.Where(i =>
                db.ItemCommittees.Where(c => c.CommitteeId == only).Select(c => c.ItemId).Contains(i.Id)
            );
        }

        var items = await query.ToListAsync(ct);
        var committeeIds = committees.Keys.ToList();
        var itemIds = items.Select(i => i.Id).ToList();
        var links = committeeId is null
            ? await db.ItemCommittees.AsNoTracking().Where(c => committeeIds.Contains(c.CommitteeId)).ToListAsync(ct)
            : await db.ItemCommittees.AsNoTracking().Where(c => itemIds.Contains(c.ItemId)).ToListAsync(ct);
        var byId = items.ToDictionary(i => i.Id);
        var rebases = committeeId is null
            ? await db
                .SpcRebases.AsNoTracking()
                .Where(r => db.Items.Any(i => i.Id == r.ItemId && i.OrganisationId == org.Id))
                .ToListAsync(ct)
            : await db.SpcRebases.AsNoTracking().Where(r => itemIds.Contains(r.ItemId)).ToListAsync(ct);
        foreach (var rebase in rebases)
        {
            if (byId.TryGetValue(rebase.ItemId, out var item))
            {
                item.SpcRebases.Add(rebase);
            }
        }

        foreach (var link in links)
        {
            if (byId.TryGetValue(link.ItemId, out var item))
            {
                link.Committee = committees[link.CommitteeId];
                item.Committees.Add(link);
            }
        }

        var from = period.StartMonth - MonthsOfHistory;
        var monthly = items.Where(i => i.Frequency == Frequency.Monthly).Select(i => i.Id).ToList();
        var others = items.Where(i => i.Frequency != Frequency.Monthly).Select(i => i.Id).ToList();
        // Read to the end of the financial year too, for the year's target (a cumulative measure's month is rated
        // against it, profiled); of what ends later than asked, only the periods enclosing the one asked for are kept.
        var through = Math.Max(period.EndMonth, readThrough?.EndMonth ?? int.MinValue);
        var entries = await EntryReader.ReadAsync(
            db,
            [(monthly, period.StartMonth - MonthsOfHistoryMonthly), (others, from)],
            Math.Max(through, period.FinancialYearEnding().EndMonth),
            ct
        );
        var byItem = entries
            .GroupBy(e => e.ItemId)
            .ToDictionary(
                g => g.Key,
                g => new ItemSeries(
                    g.Select(e => e.ToDomain()).Where(e => e.Period.EndMonth <= through || e.Period.Contains(period))
                )
            );
        await NationalComparatorsAsync(db, org, items, byItem, ct);

        var scheme = org.ToScheme();

        return
        [
            .. items
                .OrderBy(i => i.Theme?.Priority?.SortOrder ?? int.MaxValue)
                .ThenBy(i => i.Theme?.SortOrder ?? int.MaxValue)
                .ThenBy(i => i.SortOrder)
                .Select(i =>
                {
                    var profile = i.ToProfile();
                    var series = byItem.GetValueOrDefault(i.Id) ?? ItemSeries.Empty;
                    var evaluation = Evaluator.Evaluate(profile, scheme, series, period);
                    var committees = i
                        .Committees.OrderBy(c => c.Committee!.SortOrder)
                        .Select(c => c.Committee!.Name)
                        .ToList();
                    return new ItemEvaluation(
                        i,
                        i.Theme?.Priority?.Name,
                        i.Theme?.Name,
                        committees,
                        profile,
                        evaluation,
                        series
                    )
                    {
                        ThemeNote = i.Theme?.Note,
                        Owner = i.Owner,
                    };
                }),
        ];
    }

    /// <summary>
    /// A target set by comparison (<c>england</c>, <c>region</c>, <c>neighbours</c>, <c>top_quartile</c>) whose row
    /// carries no figure for that comparator takes the national data's for the same period, when the measure is linked
    /// to a national metric: England's figure, the region's, the comparator group's average (the organisation left
    /// out) and its top quartile (<see cref="Comparisons.ComparisonService"/>). The row's own figures win. A figure
    /// of a measure rated by significance takes the same, and the 95% interval the national data gives the
    /// organisation's own area for the period (used when the row has no numerator and denominator to work one out
    /// from). Nothing is read when no entry needs it.
    /// </summary>
    public static async Task NationalComparatorsAsync(
        OutturnDbContext db,
        Organisation org,
        IReadOnlyList<Item> items,
        Dictionary<int, ItemSeries> byItem,
        CancellationToken ct
    )
    {
        if (org.AreaCode is null)
        {
            return;
        }

        var bySignificance = items.Where(i => i.RateBySignificance is not null).Select(i => i.Id).ToHashSet();
        bool Needs(int itemId, PeriodEntry e) =>
            (e.HasComparatorTarget && e.ComparatorFigure() is null)
            || (bySignificance.Contains(itemId) && e.Value.IsNumber);

        var linked = items
            .Where(i => i.BenchmarkMetric is not null && byItem.ContainsKey(i.Id))
            .Select(i => (Item: i, Needing: byItem[i.Id].Entries.Where(e => Needs(i.Id, e)).ToList()))
            .Where(x => x.Needing.Count > 0)
            .ToList();
        if (linked.Count == 0)
        {
            return;
        }

        var comparisons = new Comparisons.ComparisonService(db);
        foreach (var period in linked.SelectMany(x => x.Needing).Select(e => e.Period).Distinct())
        {
            IReadOnlyList<Comparisons.MeasureComparison> compared;
            try
            {
                // One measure's page asks for that measure alone.
                compared = await comparisons.CompareAsync(
                    org,
                    period,
                    itemRef: linked.Count == 1 ? linked[0].Item.Ref : null,
                    ct: ct
                );
            }
            catch (OutturnException)
            {
                // No comparator group of that name any more: the targets stay unresolved, and say so.
                return;
            }

            foreach (var c in compared.Where(c => c.Period == period))
            {
                if (!byItem.TryGetValue(c.ItemId, out var series))
                {
                    continue;
                }

                static decimal? D(double? v) => v is { } d ? (decimal)d : null;
                byItem[c.ItemId] = new ItemSeries(
                    series.Entries.Select(e =>
                        e.Period == period && Needs(c.ItemId, e)
                            ? e with
                            {
                                BenchmarkNational = e.BenchmarkNational ?? D(c.Result.EnglandValue),
                                BenchmarkRegional = e.BenchmarkRegional ?? D(c.Result.RegionValue),
                                BenchmarkNeighbours = e.BenchmarkNeighbours ?? D(c.Result.GroupAverage),
                                BenchmarkTopQuartile = e.BenchmarkTopQuartile ?? D(c.Result.TopQuartileValue),
                                PublishedInterval = e.PublishedInterval ?? c.Result.Ci95,
                            }
                            : e
                    )
                );
            }
        }
    }

    /// <summary>Summaries by group plus a row "All", for the period and, side by side, the <paramref name="years"/>−1
    /// years before it.</summary>
    public async Task<IReadOnlyList<GroupSummary>> SummariseAsync(
        Organisation org,
        Period period,
        SummaryGrouping by,
        DirectionBasis basis = DirectionBasis.LongTerm,
        int years = 1,
        string? committee = null,
        CancellationToken ct = default
    )
    {
        var result = new List<GroupSummary>();
        var order = (await CommitteesAsync(org, ct)).ToList();
        for (var y = 0; y < Math.Max(1, years); y++)
        {
            var p = period;
            for (var i = 0; i < y; i++)
            {
                p = p.SamePeriodLastYear();
            }

            var summaries = GroupSummaries.Of(await EvaluateAsync(org, p, committee, ct: ct), p, by, basis);
            result.AddRange(
                by == SummaryGrouping.Committee
                    ? summaries.OrderBy(s =>
                        s.Group == GroupSummaries.AllGroup ? int.MaxValue
                        : order.IndexOf(s.Group) is var i and >= 0 ? i
                        : int.MaxValue - 1
                    )
                    : summaries
            );
        }

        return result;
    }

    /// <summary>The period a page or report shows when none is asked for: the latest of <paramref name="kind"/> with
    /// figures, or else the latest to have ended by <paramref name="now"/> (never a fixed year).</summary>
    public async Task<Period> ReportingPeriodAsync(
        Organisation org,
        PeriodKind kind,
        DateTimeOffset now,
        CancellationToken ct = default
    ) => await LatestPeriodAsync(org, kind, ct) ?? Period.LatestEndedBy(kind, DateOnly.FromDateTime(now.UtcDateTime));

    /// <summary>The latest period of <paramref name="kind"/> in which the organisation has any figure.</summary>
    public async Task<Period?> LatestPeriodAsync(Organisation org, PeriodKind kind, CancellationToken ct = default)
    {
        var latest = await db
            .Entries.AsNoTracking()
            .Where(e =>
                e.PeriodKind == (int)kind
                && e.ValueKind != null
                && db.Items.Any(i => i.Id == e.ItemId && i.OrganisationId == org.Id)
            )
            .OrderByDescending(e => e.PeriodEnd)
            .Select(e => e.Period)
            .FirstOrDefaultAsync(ct);
        return latest is null ? null : Period.Parse(latest);
    }
}
