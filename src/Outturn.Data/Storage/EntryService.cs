using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Interchange;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Data.Storage;

/// <summary>
/// Saves what a person enters for one item and period (from the web form or the API), keeping every changed field in
/// history exactly as an import does: who, when, old → new, and where from.
/// </summary>
public sealed class EntryService(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>Applies <paramref name="entered"/>'s <paramref name="fields"/> to the item's entry for the period,
    /// creating it if new. Returns how many fields changed (0 when nothing did). A correction's
    /// <paramref name="reason"/> is kept with each field it changes. A change to a figure of a locked month needs
    /// <paramref name="officer"/> and a reason (<see cref="PeriodLocks"/>); otherwise it is refused with an <see
    /// cref="OutturnException"/> naming the lock, and nothing is saved.</summary>
    public async Task<int> SaveAsync(
        Item item,
        Period period,
        Entry entered,
        EntryField fields,
        string user,
        string source,
        string? reason = null,
        bool officer = false,
        CancellationToken ct = default
    )
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await SaveInTransactionAsync(item, period, entered, fields, user, source, reason, officer, ct);
        }

        // The data version and the figure change together: a reader who sees the new version sees the new figure
        // (a page kept under it is never the old one), and a refused change leaves both as they were.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await SaveInTransactionAsync(item, period, entered, fields, user, source, reason, officer, ct);
        await transaction.CommitAsync(ct);
        return changed;
    }

    private async Task<int> SaveInTransactionAsync(
        Item item,
        Period period,
        Entry entered,
        EntryField fields,
        string user,
        string source,
        string? reason,
        bool officer,
        CancellationToken ct
    )
    {
        var closing = PeriodLocks.Closing(await Cycle.PeriodLockService.ReadAsync(db, item.OrganisationId, ct), period);
        void CheckLock()
        {
            if (PeriodLocks.Refusal(closing, PeriodLocks.Check(closing, officer, reason)) is { } refusal)
            {
                throw new OutturnException(refusal);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var text = period.ToString();
        await DataVersion.BumpForFiguresAsync(db, item.OrganisationId, period.EndMonth, ct);
        var stored = await db.Entries.SingleOrDefaultAsync(e => e.ItemId == item.Id && e.Period == text, ct);
        if (stored is null)
        {
            var created = new Entry
            {
                ItemId = item.Id,
                Period = text,
                PeriodKind = (int)period.Kind,
                PeriodStart = period.StartMonth,
                PeriodEnd = period.EndMonth,
                UpdatedBy = user,
                UpdatedAt = now,
                CreatedBy = user,
                CreatedAt = now,
            };
            EntryFields.CopyPresent(entered, created, fields);
            if (!EntryFields.IsBlank(created))
            {
                CheckLock();
            }

            db.Entries.Add(created);
            await db.SaveChangesAsync(ct);
            return EntryFields.All.Count(f => (fields & f.Flag) != 0 && f.Describe(created) is not null);
        }

        // Worked out on a copy, so that a refused change leaves the tracked entry as stored.
        var after = stored.Clone();
        EntryFields.CopyPresent(entered, after, fields);
        var changes = EntryFields
            .All.Where(f => (fields & f.Flag) != 0)
            .Select(f => (f.Name, Old: f.Describe(stored), New: f.Describe(after)))
            .Where(c => !string.Equals(c.Old, c.New, StringComparison.Ordinal))
            .Select(c => new EntryChange
            {
                EntryId = stored.Id,
                Field = c.Name,
                OldValue = c.Old,
                NewValue = c.New,
                ChangedBy = user,
                ChangedAt = now,
                Source = source,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            })
            .ToList();
        if (changes.Count == 0)
        {
            return 0;
        }

        CheckLock();
        EntryFields.CopyPresent(entered, stored, fields);
        stored.UpdatedBy = user;
        stored.UpdatedAt = now;
        db.EntryChanges.AddRange(changes);
        await db.SaveChangesAsync(ct);
        return changes.Count;
    }
}
