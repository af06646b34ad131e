using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;

namespace Outturn.Data.Storage;

/// <summary>One item's definition, every entry it has, and every recorded change to them, newest first.</summary>
public sealed record MeasureRecord(
    Item Item,
    IReadOnlyList<Entry> Entries,
    IReadOnlyList<(string Period, EntryChange Change)> Changes
);

public sealed class MeasureQueries(OutturnDbContext db)
{
    public async Task<MeasureRecord?> FindAsync(Organisation org, string reference, CancellationToken ct = default)
    {
        var key = Item.KeyOf(reference);
        var item = await db
            .Items.AsNoTracking()
            .Include(i => i.Theme)
                .ThenInclude(t => t!.Priority)
            .Include(i => i.Committees)
                .ThenInclude(c => c.Committee)
            .Include(i => i.SpcRebases)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.OrganisationId == org.Id && i.RefKey == key, ct);
        if (item is null)
        {
            return null;
        }

        var entries = await db
            .Entries.AsNoTracking()
            .Where(e => e.ItemId == item.Id)
            .OrderBy(e => e.PeriodEnd)
            .ThenBy(e => e.PeriodStart)
            .ToListAsync(ct);
        var changes = await (
            from c in db.EntryChanges.AsNoTracking()
            join e in db.Entries.AsNoTracking() on c.EntryId equals e.Id
            where e.ItemId == item.Id
            orderby c.Id descending
            select new { e.Period, Change = c }
        ).ToListAsync(ct);
        return new MeasureRecord(item, entries, [.. changes.Select(c => (c.Period, c.Change))]);
    }
}
