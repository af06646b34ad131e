namespace Outturn.Data.Entities;

/// <summary>An area that national statistics are published for: a council, a region, a country (shared by every
/// organisation: national data are public).</summary>
public sealed class Area
{
    /// <summary>Its GSS code, as <see cref="Domain.Comparisons.AreaCode"/> writes it.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Its type as the source names it (county, unitary, region, country; Fingertips' "County &amp; UA
    /// (4/23-3/24)").</summary>
    public string? Type { get; set; }

    /// <summary>The area it belongs to (a council's region), when the source says.</summary>
    public string? ParentCode { get; set; }

    /// <summary>The code that replaced this one at a boundary change (a one-to-one recode); its history follows the
    /// successor.</summary>
    public string? SuccessorCode { get; set; }
}

/// <summary>A national metric: a Fingertips indicator, an LG Inform metric, an ASCOF or Local Outcomes Framework
/// measure.</summary>
public sealed class Metric
{
    public int Id { get; set; }

    /// <summary>Its id in its source (<c>90366</c>, <c>ASCOF 1A</c>), as measures link to it.</summary>
    public required string Key { get; set; }

    /// <summary><see cref="Key"/> in upper case, for the case-insensitive unique index.</summary>
    public required string KeyUpper { get; set; }
    public required string Title { get; set; }

    /// <summary>What its figures are, as the source writes it (<c>%</c>, <c>per 100,000</c>, <c>years</c>).</summary>
    public string? Unit { get; set; }

    /// <summary>The N of a rate per N.</summary>
    public double? RatePer { get; set; }

    /// <summary><c>higher</c>, <c>lower</c> or <c>none</c>: which way is better.</summary>
    public string Polarity { get; set; } = "none";
    public string? Source { get; set; }
}

/// <summary>One area's published figure for a metric and period.</summary>
public sealed class NationalValue
{
    public int MetricId { get; set; }
    public required string AreaCode { get; set; }
    public required string Period { get; set; }
    public int PeriodKind { get; set; }
    public int PeriodStart { get; set; }
    public int PeriodEnd { get; set; }
    public double? Value { get; set; }
    public double? Count { get; set; }
    public double? Denominator { get; set; }
    public double? Lower95 { get; set; }
    public double? Upper95 { get; set; }
    public double? Lower998 { get; set; }
    public double? Upper998 { get; set; }
    public string? Note { get; set; }
}

/// <summary>A named, dated set of areas to compare with: CIPFA nearest neighbours, children's services statistical
/// neighbours, a region, any list.</summary>
public sealed class ComparatorGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The day the set was published or last changed.</summary>
    public DateOnly? AsOf { get; set; }
    public List<ComparatorMember> Members { get; set; } = [];
}

/// <summary>An area in a comparator group; for models that give each authority its own neighbours, the authority
/// whose neighbour it is.</summary>
public sealed class ComparatorMember
{
    public int GroupId { get; set; }

    /// <summary>The authority whose neighbour this is, or empty for a group shared by every member.</summary>
    public string ForArea { get; set; } = "";
    public required string AreaCode { get; set; }
}
