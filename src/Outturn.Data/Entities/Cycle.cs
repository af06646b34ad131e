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
/// when: the history of its collection state. Never changed or deleted; the latest step is the one that counts.</summary>
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
}
