namespace Outturn.Domain.Framework;

/// <summary>Whether an item is a measure (a KPI with figures) or an action (a milestone with a status).</summary>
public enum ItemKind
{
    Measure,
    Action,
}

/// <summary>Which way is better for a measure.</summary>
public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    None,

    /// <summary>Not yet decided (printed "TBC"): the measure is not rated and its direction is not judged.</summary>
    ToBeConfirmed,
}

/// <summary>What a measure's figures count.</summary>
public enum Unit
{
    Count,
    Percentage,
    Rate,
    Money,
    Days,
    Ratio,
    Score,
    Text,
}

/// <summary>How a direction of travel is shown: judged (improving or worse, minding polarity), raw (up or down, beside
/// a rating that says good or bad), or none (for measures where direction means nothing).</summary>
public enum DirectionStyle
{
    Judged,
    Raw,
    None,
}

/// <summary>How direction of travel is worked out: against one earlier figure (<c>two_point</c>), or by statistical
/// process control (<c>spc</c>): a change only when the latest figure is a special cause by the Making Data Count
/// rules (docs/spc.md), otherwise "no significant change". A measure with too few figures for more than trial limits
/// is compared two-point whatever the setting.</summary>
public enum DirectionMethod
{
    TwoPoint,
    Spc,
}

/// <summary>How often a measure is reported.</summary>
public enum Frequency
{
    Monthly,
    Quarterly,
    Termly,
    HalfYearly,
    Annual,
}

/// <summary>How figures for short periods roll up into a longer one.</summary>
public enum Aggregation
{
    /// <summary>The longer period's figure is the last short period's (a count of carers at year end).</summary>
    Snapshot,

    /// <summary>Each figure is already the year to date, so the last one is the year's (complaints so far).</summary>
    CumulativeYearToDate,

    /// <summary>The longer period's figure is the mean of the short periods' (average days to remove
    /// fly-tips).</summary>
    Average,
}

public static class FrequencyExtensions
{
    /// <summary>The period kind in which a measure of this frequency is reported.</summary>
    public static Periods.PeriodKind NativePeriodKind(this Frequency frequency) =>
        frequency switch
        {
            Frequency.Monthly => Periods.PeriodKind.Month,
            Frequency.Quarterly => Periods.PeriodKind.FinancialQuarter,
            Frequency.Termly => Periods.PeriodKind.AcademicTerm,
            Frequency.HalfYearly => Periods.PeriodKind.FinancialHalf,
            _ => Periods.PeriodKind.FinancialYear,
        };
}
