using System.Globalization;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Cycle;

/// <summary>A month whose figures a performance officer has locked, by whom and when.</summary>
public sealed record PeriodLock(Period Month, string By, DateTime At)
{
    /// <summary>"March 2018, locked on 20 April 2018 by performance".</summary>
    public string Describe() =>
        $"{Month.Label} was locked on {At.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} by {By}";
}

/// <summary>Who may change a figure of a locked month, and how.</summary>
public enum LockStanding
{
    /// <summary>The figure's month is not locked: the usual rules apply.</summary>
    Open,

    /// <summary>Locked, and the change is allowed: a performance officer giving a reason, kept with the
    /// change.</summary>
    Corrected,

    /// <summary>Locked, and the person changing it is not a performance officer.</summary>
    RefusedNotOfficer,

    /// <summary>Locked, and no reason was given.</summary>
    RefusedNoReason,
}

/// <summary>
/// The locking rule. Once a committee's figures are published, a performance officer may lock the month: every figure
/// whose own period ends in a locked month (the month itself, and a quarter, half-year or year ending then) can then be
/// changed only by a performance officer (or administrator) who says why; the reason is kept with each field changed.
/// A figure added where the locked month had none counts as a change, as it changes what was published. Only a month
/// that has ended can be locked: a lock is a promise about figures already reported.
/// </summary>
public static class PeriodLocks
{
    /// <summary>The lock that closes a figure for <paramref name="figure"/>'s period, if any: the lock of the month in
    /// which that period ends.</summary>
    public static PeriodLock? Closing(IReadOnlyDictionary<int, PeriodLock> byMonth, Period figure) =>
        byMonth.GetValueOrDefault(figure.EndMonth);

    /// <summary>Locks by the month they close (<see cref="Period.EndMonth"/> of a month).</summary>
    public static IReadOnlyDictionary<int, PeriodLock> ByMonth(IEnumerable<PeriodLock> locks) =>
        locks.ToDictionary(l => l.Month.EndMonth);

    /// <summary>Whether a change to a figure of a month that <paramref name="closing"/> locks (or null: not locked)
    /// may be made by this person with this reason.</summary>
    public static LockStanding Check(PeriodLock? closing, bool officer, string? reason) =>
        closing is null ? LockStanding.Open
        : !officer ? LockStanding.RefusedNotOfficer
        : string.IsNullOrWhiteSpace(reason) ? LockStanding.RefusedNoReason
        : LockStanding.Corrected;

    /// <summary>Why a change was refused, in words for the person who tried it; null when it was not.</summary>
    public static string? Refusal(PeriodLock? closing, LockStanding standing) =>
        (closing, standing) switch
        {
            ({ } l, LockStanding.RefusedNotOfficer) => $"{l.Describe()}: ask a performance officer to correct it.",
            ({ } l, LockStanding.RefusedNoReason) =>
                $"{l.Describe()}: a correction needs a reason, which is kept with the change.",
            _ => null,
        };

    /// <summary>Whether <paramref name="month"/> may be locked on <paramref name="today"/>: a month that has ended,
    /// not already locked. Returns the reason it may not, or null.</summary>
    public static string? CannotLock(Period month, DateOnly today, IReadOnlyDictionary<int, PeriodLock> byMonth) =>
        month.Kind != PeriodKind.Month ? $"Locks are by month: {month} is not a month."
        : !month.HasEndedBy(today) ? $"{month.Label} has not ended yet: a month can be locked once it is over."
        : byMonth.TryGetValue(month.EndMonth, out var held) ? $"{held.Describe()}."
        : null;
}
