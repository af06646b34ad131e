using Outturn.Domain.Framework;

namespace Outturn.Data.Entities;

/// <summary>A measure (KPI) or an action (milestone) in the framework.</summary>
public sealed class Item
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string Ref { get; set; }

    /// <summary>The reference in upper case, for the case-insensitive unique index on both databases.</summary>
    public required string RefKey { get; set; }

    public required string Title { get; set; }
    public ItemKind Kind { get; set; }
    public int? ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public Unit Unit { get; set; }
    public int? RatePer { get; set; }

    /// <summary>Words printed after each figure (kg per head, sessions); null for none.</summary>
    public string? UnitLabel { get; set; }

    /// <summary>How a cumulative measure's annual target is spread over the year, as
    /// <see cref="Domain.Values.TargetProfile"/> writes it; null is linear.</summary>
    public string? TargetProfile { get; set; }

    /// <summary>Decimal places every figure is printed with; null prints each as entered.</summary>
    public int? Decimals { get; set; }

    /// <summary>How its direction of travel is shown (judged, raw, none), overriding the organisation's; null for the
    /// organisation's.</summary>
    public string? DirectionStyle { get; set; }

    /// <summary>The measure's own way of working out direction of travel (two_point or spc); null follows the
    /// organisation's.</summary>
    public string? DirectionMethod { get; set; }

    /// <summary>Its SPC limits from the first N figures of each baseline, fixed after them; null for all of
    /// them.</summary>
    public int? SpcFixAfter { get; set; }

    /// <summary>Whether its SPC limits leave out moving ranges above 3.267 × their mean.</summary>
    public bool SpcScreenOutliers { get; set; }

    /// <summary>Rated by significance against this comparator (england, region or neighbours) instead of its target;
    /// null rates against the target (<see cref="Domain.Rating.MeasureProfile.RateBySignificance"/>).</summary>
    public string? RateBySignificance { get; set; }
    public Polarity Polarity { get; set; }
    public Frequency Frequency { get; set; }
    public Aggregation Aggregation { get; set; }
    public string? Owner { get; set; }

    /// <summary>When its figures are due, as <see cref="Domain.Cycle.DeadlineRule"/> writes it, overriding the
    /// organisation's rule; null for the organisation's.</summary>
    public string? Deadline { get; set; }
    public string? Description { get; set; }

    /// <summary>Tags, ;-separated as in the interchange format.</summary>
    public string? Tags { get; set; }

    /// <summary>The measure's own amber tolerance (5% or 2pt), overriding the organisation's scheme.</summary>
    public string? AmberTolerance { get; set; }

    /// <summary>The measure's own blue margin; 0 switches blue off for this measure.</summary>
    public string? BlueMargin { get; set; }

    /// <summary>A note printed once per report, its marker after the title ("Adult Social Care Outcomes Framework
    /// measure").</summary>
    public string? Footnote { get; set; }

    /// <summary>The national metric its figures are compared with (a <see cref="Metric.Key"/>), or null.</summary>
    public string? BenchmarkMetric { get; set; }

    public int SortOrder { get; set; }
    public List<ItemCommittee> Committees { get; set; } = [];

    /// <summary>Where its statistical process control limits are worked out afresh; loaded where charts are
    /// drawn.</summary>
    public List<SpcRebaseRecord> SpcRebases { get; set; } = [];

    public static string KeyOf(string reference) => reference.Trim().ToUpperInvariant();
}
