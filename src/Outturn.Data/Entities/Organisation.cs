namespace Outturn.Data.Entities;

/// <summary>A council or partnership. Every stored row belongs to one.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The rating scheme, in the interchange format's words (read by <see
    /// cref="Storage.DomainMapping.ToScheme"/>).</summary>
    public string AmberTolerance { get; set; } = "5%";
    public string? BlueMargin { get; set; }
    public string MissingRating { get; set; } = "no_data";
    public string DirectionTolerance { get; set; } = "0";

    /// <summary>How directions of travel are shown: judged, raw or none.</summary>
    public string DirectionStyle { get; set; } = "judged";

    /// <summary>How direction of travel is worked out (<see cref="Domain.Framework.DirectionMethod"/>): two_point or
    /// spc.</summary>
    public string DirectionMethod { get; set; } = "two_point";

    /// <summary>When figures are due, as <see cref="Domain.Cycle.DeadlineRule"/> writes it (each measure may have its
    /// own).</summary>
    public string DeadlineRule { get; set; } = "10 working days";

    /// <summary>Whose bank holidays are not working days (<see cref="Domain.Cycle.HolidayRegions"/>'s codes).</summary>
    public string HolidayRegion { get; set; } = "england-and-wales";

    /// <summary>The organisation's own area's GSS code (<c>E06000031</c>), for comparisons with national
    /// data.</summary>
    public string? AreaCode { get; set; }

    /// <summary>The comparator group it is compared with by default (its name).</summary>
    public string? ComparatorGroup { get; set; }

    /// <summary>Counts below this are suppressed (shown as *) in everything public, and not ranked; 0 for
    /// none.</summary>
    public int SmallNumbers { get; set; } = Domain.Comparisons.Comparison.DefaultSmallNumberThreshold;

    /// <summary>Goes up by one with every change to the organisation's figures, framework, scheme or publications (in
    /// the same transaction), so that anything derived from them (a rendered dashboard, a visitor's page) knows when
    /// it is out of date.</summary>
    public long DataVersion { get; set; }

    /// <summary>Goes up with every change that visitors (anyone not signed in) could see: everything that raises
    /// <see cref="DataVersion"/> except a figure of a period no publication opens yet — the month being collected,
    /// whose figures the organisation's own people enter all through the cycle. The pages kept for visitors are
    /// kept under it (decision record 0010).</summary>
    public long VisitorVersion { get; set; }

    /// <summary>Marks a change visitors may see, made through the change tracker: both versions go up.</summary>
    public void MarkChanged()
    {
        DataVersion++;
        VisitorVersion++;
    }

    public List<Committee> Committees { get; set; } = [];
    public List<Priority> Priorities { get; set; } = [];
    public List<Item> Items { get; set; } = [];
}
