using Outturn.Domain.Cycle;

namespace Outturn.Data.Entities;

/// <summary>A day an organisation does not work beyond its region's bank holidays (a proclamation not yet in the
/// shipped data, a council's own closure day).</summary>
public sealed class Holiday
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
}

/// <summary>One step in an item's collection for one period (submitted, approved, returned, reopened), by whom and
/// when: the history of its collection state. Never changed or deleted; the latest step is the one that
/// counts.</summary>
public sealed class CollectionRecord
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public int ItemId { get; set; }

    /// <summary>The item's own period (its frequency's), canonical text.</summary>
    public required string Period { get; set; }
    public CollectionStep Step { get; set; }
    public string? Reason { get; set; }
    public required string By { get; set; }
    public DateTime At { get; set; }

    /// <summary>When the figure stepped on was last changed (its entry's stamp), so that a figure changed afterwards
    /// is known to be no longer the one submitted or approved; null when nothing was entered.</summary>
    public DateTime? FigureAt { get; set; }
}

/// <summary>A reminder sent to a person (<see cref="Domain.Cycle.ReminderLine.Key"/>): recorded in the same
/// transaction that claims it, before the email goes, so that two instances of the app never send it twice.</summary>
public sealed class ReminderSent
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public required string PersonId { get; set; }
    public required string Key { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>
/// One change to what anyone may see or do, kept for the audit trail: sign-ins (and failed ones, with the address),
/// publications and their corrections and withdrawals, collection steps, people, roles and access, API tokens. Only
/// ever added to: nothing in the app changes or deletes one.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    /// <summary>The organisation it concerns; null for the installation (an administrator of every organisation, a
    /// sign-in by a name no account has).</summary>
    public int? OrganisationId { get; set; }
    public DateTime At { get; set; }

    /// <summary>Who did it: a user name, or what was typed for a failed sign-in.</summary>
    public required string Actor { get; set; }

    /// <summary>What kind of change (<see cref="Storage.AuditKinds"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>What it was done to: a person, a committee's period, an item's period, a token.</summary>
    public required string Subject { get; set; }
    public string? Detail { get; set; }

    /// <summary>The address the request came from, where there was one.</summary>
    public string? Address { get; set; }
}

/// <summary>A month whose figures are locked for an organisation (<see cref="Domain.Cycle.PeriodLocks"/>): changing
/// one then needs a performance officer and a reason. Unlocking removes the row; both are in the audit trail.</summary>
public sealed class PeriodLockRecord
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }

    /// <summary>The month, canonical text ("2018-03").</summary>
    public required string Period { get; set; }

    /// <summary>The month's index (<see cref="Domain.Periods.Period.EndMonth"/>), matched with entries'
    /// <c>period_end</c>.</summary>
    public int Month { get; set; }
    public required string LockedBy { get; set; }
    public DateTime LockedAt { get; set; }
}

/// <summary>A target a measure's owner proposes for one of its periods in the targets grid, for a performance officer
/// to accept or change when saving the grid. Kept once decided, with the outcome.</summary>
public sealed class TargetProposal
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    public int ItemId { get; set; }

    /// <summary>The period, canonical text.</summary>
    public required string Period { get; set; }

    /// <summary>The proposed target as typed (checked as a target); null proposes removing the target.</summary>
    public string? Target { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>Once decided: <c>accepted</c> (saved as proposed), <c>changed</c> (saved otherwise) or
    /// <c>replaced</c> (the owner proposed again).</summary>
    public string? Outcome { get; set; }
}
