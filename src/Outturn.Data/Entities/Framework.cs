namespace Outturn.Data.Entities;

/// <summary>A scrutiny committee (or board) that items are reported to.</summary>
public sealed class Committee
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public List<ItemCommittee> Items { get; set; } = [];
}

/// <summary>A top-level priority of the council's plan ("Safe", "Strong").</summary>
public sealed class Priority
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public List<Theme> Themes { get; set; } = [];
}

/// <summary>A theme within a priority.</summary>
public sealed class Theme
{
    public int Id { get; set; }
    public int PriorityId { get; set; }
    public Priority? Priority { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }

    /// <summary>A note printed under the theme's heading in reports ("indicators for domestic abuse are yet to be
    /// agreed"); null for none.</summary>
    public string? Note { get; set; }
}

/// <summary>The link between an item and a committee it is reported to.</summary>
public sealed class ItemCommittee
{
    public int ItemId { get; set; }
    public Item? Item { get; set; }
    public int CommitteeId { get; set; }
    public Committee? Committee { get; set; }
}
