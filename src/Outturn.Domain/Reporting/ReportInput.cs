using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Reporting;

public enum ReportLayout
{
    Dashboard,
    Quarterly,
    Annual,

    /// <summary>Every red and amber item of a committee for a month, with its owner, commentary and corrective
    /// action.</summary>
    Exceptions,

    /// <summary>Each measure linked to a national metric against its comparator group, England and its region, for
    /// a year (docs/comparisons.md).</summary>
    Comparison,
}

/// <summary>
/// Everything a report's layout is drawn from: whose it is and by which rules it rates, the period and committee
/// asked for, the organisation's committees in order, the items evaluated for the period and, for layouts that
/// compare years, the same items evaluated for each earlier year (most recent first).
/// </summary>
/// <summary>How a report shows trend charts.</summary>
public enum ChartStyle
{
    /// <summary>A small trend line in each measure's row, with its figures in words: the compact dashboard councils
    /// print.</summary>
    Inline,

    /// <summary>A chart per measure after its section's table.</summary>
    Full,

    /// <summary>No charts: the tables only.</summary>
    None,
}

public sealed record ReportInput(
    string Organisation,
    RatingScheme Scheme,
    ReportLayout Layout,
    Period Period,
    string? Committee,
    DateTimeOffset MadeAt,
    IReadOnlyList<string> Committees,
    IReadOnlyList<EvaluatedItem> Items
)
{
    /// <summary>Whether the dashboard draws each measure's trend in its row (the default), as a chart after its table,
    /// or not at all (the measure's page keeps its chart).</summary>
    public ChartStyle Charts { get; init; } = ChartStyle.Inline;

    /// <summary>The items evaluated for the same period of each earlier year, most recent first.</summary>
    public IReadOnlyList<(Period Period, IReadOnlyList<EvaluatedItem> Items)> YearsBefore { get; init; } = [];
}

/// <summary>What each layout needs read beyond its period: the storage layer reads it, the layouts rely on
/// it.</summary>
public static class ReportReading
{
    /// <summary>How far a layout reads: a quarterly report to the end of the latest of the years whose targets it
    /// may print (the financial year, and the academic year starting in it, which ends later); others to the end of
    /// their period (null).</summary>
    public static Period? ReadThrough(ReportLayout layout, Period period) =>
        layout == ReportLayout.Quarterly ? Period.AcademicYear(period.FinancialYearEnding().Year) : null;

    /// <summary>The kind of period a layout is for (and its default: the latest such period with figures).</summary>
    public static PeriodKind NativeKind(ReportLayout layout) =>
        layout switch
        {
            ReportLayout.Dashboard or ReportLayout.Exceptions => PeriodKind.Month,
            ReportLayout.Quarterly => PeriodKind.FinancialQuarter,
            _ => PeriodKind.FinancialYear,
        };

    /// <summary>How many earlier years a layout sets beside its own: two for the annual report, else none.</summary>
    public static int YearsBefore(ReportLayout layout) => layout == ReportLayout.Annual ? 2 : 0;
}
