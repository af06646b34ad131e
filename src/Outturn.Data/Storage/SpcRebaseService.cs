using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Domain.Periods;
using Outturn.Domain.Statistics;

namespace Outturn.Data.Storage;

/// <summary>Sets and removes the periods from which a measure's statistical process control limits are worked out
/// afresh (<see cref="SpcRebase"/>), each change in the audit trail as a change to the framework; for the measure's
/// edit page and <c>outturn spc rebase</c>.</summary>
public sealed class SpcRebaseService(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>The measure's rebases, earliest first.</summary>
    public async Task<IReadOnlyList<SpcRebaseRecord>> ListAsync(int itemId, CancellationToken ct = default) =>
        [
            .. (await db.SpcRebases.AsNoTracking().Where(r => r.ItemId == itemId).ToListAsync(ct)).OrderBy(r =>
                Period.Parse(r.Period).StartMonth
            ),
        ];

    /// <summary>Works the limits out afresh from <paramref name="from"/>, for <paramref name="reason"/>; a rebase
    /// already there for that period takes the new reason. Refused, saying why, without a reason or for an
    /// action.</summary>
    public async Task SetAsync(Item item, Period from, string reason, string who, CancellationToken ct = default)
    {
        if (item.Kind != Domain.Framework.ItemKind.Measure)
        {
            throw new OutturnException($"{item.Ref} is an action: only a measure's figures have control limits.");
        }

        if (Domain.Values.XmlText.FirstForbidden(reason ?? "") is var at and >= 0)
        {
            throw new OutturnException(
                $"The reason has a control character (U+{(int)reason![at]:X4}) at character {at + 1}: type it again "
                    + "without it."
            );
        }

        SpcRebase rebase;
        try
        {
            rebase = new SpcRebase(from, reason ?? "");
        }
        catch (ArgumentException ex)
        {
            throw new OutturnException(ex.Message.Split(" (Parameter", 2)[0]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var key = from.ToString();
        var record = await db.SpcRebases.SingleOrDefaultAsync(r => r.ItemId == item.Id && r.Period == key, ct);
        if (record is null)
        {
            db.SpcRebases.Add(
                new SpcRebaseRecord
                {
                    ItemId = item.Id,
                    Period = key,
                    Reason = rebase.Reason,
                    SetBy = who,
                    SetAt = now,
                }
            );
        }
        else
        {
            (record.Reason, record.SetBy, record.SetAt) = (rebase.Reason, who, now);
        }

        AuditLog.Add(
            db,
            item.OrganisationId,
            now,
            who,
            AuditKinds.FrameworkChanged,
            FrameworkAudit.SubjectOf(item),
            $"control limits worked out afresh from {from.Label}: {rebase.Reason}"
        );
        await SaveAsync(item, ct);
    }

    /// <summary>Removes the rebase at <paramref name="from"/>; false when there is none.</summary>
    public async Task<bool> RemoveAsync(Item item, Period from, string who, CancellationToken ct = default)
    {
        var key = from.ToString();
        var record = await db.SpcRebases.SingleOrDefaultAsync(r => r.ItemId == item.Id && r.Period == key, ct);
        if (record is null)
        {
            return false;
        }

        db.SpcRebases.Remove(record);
        AuditLog.Add(
            db,
            item.OrganisationId,
            clock.GetUtcNow().UtcDateTime,
            who,
            AuditKinds.FrameworkChanged,
            FrameworkAudit.SubjectOf(item),
            $"control limits no longer worked out afresh from {from.Label} (was: {record.Reason})"
        );
        await SaveAsync(item, ct);
        return true;
    }

    /// <summary>Saves with the organisation's data version raised in the same transaction: every chart and page
    /// built from the old limits is out of date.</summary>
    private async Task SaveAsync(Item item, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await DataVersion.BumpAsync(db, item.OrganisationId, ct);
        await transaction.CommitAsync(ct);
    }
}
