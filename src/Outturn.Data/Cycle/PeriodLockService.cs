using Microsoft.EntityFrameworkCore;
using Outturn.Data.Entities;
using Outturn.Data.Storage;
using Outturn.Domain.Cycle;
using Outturn.Domain.Periods;

namespace Outturn.Data.Cycle;

/// <summary>Locks and unlocks an organisation's months (<see cref="PeriodLocks"/>), each step in the audit trail, and
/// reads the locks for the doors that change figures: the entry form (<see cref="EntryService"/>) and every import
/// (<see cref="Importer"/>: files, uploads and the API).</summary>
public sealed class PeriodLockService(OutturnDbContext db, TimeProvider clock)
{
    /// <summary>The organisation's locks by the month they close.</summary>
    public static async Task<IReadOnlyDictionary<int, PeriodLock>> ReadAsync(
        OutturnDbContext db,
        int organisationId,
        CancellationToken ct = default
    ) =>
        PeriodLocks.ByMonth(
            (
                await db
                    .PeriodLocks.AsNoTracking()
                    .Where(l => l.OrganisationId == organisationId)
                    .Select(l => new
                    {
                        l.Period,
                        l.LockedBy,
                        l.LockedAt,
                    })
                    .ToListAsync(ct)
            ).Select(l => new PeriodLock(Period.Parse(l.Period), l.LockedBy, l.LockedAt))
        );

    /// <summary>The organisation's locks by the month they close.</summary>
    public Task<IReadOnlyDictionary<int, PeriodLock>> ByMonthAsync(Organisation org, CancellationToken ct = default) =>
        ReadAsync(db, org.Id, ct);

    /// <summary>The organisation's locks, latest month first.</summary>
    public async Task<IReadOnlyList<PeriodLock>> ListAsync(Organisation org, CancellationToken ct = default) =>
        [.. (await ReadAsync(db, org.Id, ct)).Values.OrderByDescending(l => l.Month)];

    /// <summary>Locks a month that has ended; refused, saying why, if it has not or is locked already.</summary>
    public async Task<PeriodLock> LockAsync(Organisation org, Period month, string who, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var held = await ReadAsync(db, org.Id, ct);
        if (PeriodLocks.CannotLock(month, DateOnly.FromDateTime(now), held) is { } why)
        {
            throw new OutturnException(why);
        }

        db.PeriodLocks.Add(
            new PeriodLockRecord
            {
                OrganisationId = org.Id,
                Period = month.ToString(),
                Month = month.EndMonth,
                LockedBy = who,
                LockedAt = now,
            }
        );
        AuditLog.Add(db, org.Id, now, who, AuditKinds.Locked, month.ToString(), $"{month.Label}'s figures locked");
        await db.SaveChangesAsync(ct);
        return new PeriodLock(month, who, now);
    }

    /// <summary>Unlocks a locked month, with the reason kept in the audit trail.</summary>
    public async Task UnlockAsync(
        Organisation org,
        Period month,
        string who,
        string reason,
        CancellationToken ct = default
    )
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new OutturnException($"Say why {month.Label} is being unlocked: the reason is kept.");
        }

        var record =
            await db.PeriodLocks.SingleOrDefaultAsync(l => l.OrganisationId == org.Id && l.Month == month.EndMonth, ct)
            ?? throw new OutturnException($"{month.Label} is not locked.");
        db.PeriodLocks.Remove(record);
        AuditLog.Add(
            db,
            org.Id,
            clock.GetUtcNow().UtcDateTime,
            who,
            AuditKinds.Unlocked,
            month.ToString(),
            reason.Trim()
        );
        await db.SaveChangesAsync(ct);
    }
}
