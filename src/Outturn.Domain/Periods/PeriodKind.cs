namespace Outturn.Domain.Periods;

/// <summary>The kinds of reporting period a council uses. Order matters: finer kinds come first.</summary>
public enum PeriodKind
{
    /// <summary>A calendar month, written <c>2017-07</c>.</summary>
    Month = 1,

    /// <summary>A financial quarter of the April–March year, written <c>2017/18 Q1</c> (Q1 is April–June).</summary>
    FinancialQuarter = 2,

    /// <summary>An academic term of the September–August year, written <c>AY 2016/17 T1</c>
    /// (T1 autumn Sep–Dec, T2 spring Jan–Mar, T3 summer Apr–Aug).</summary>
    AcademicTerm = 3,

    /// <summary>A financial half year, written <c>2017/18 H1</c> (H1 is April–September).</summary>
    FinancialHalf = 4,

    /// <summary>A financial year, April to March, written <c>2017/18</c>.</summary>
    FinancialYear = 5,

    /// <summary>An academic year, September to August, written <c>AY 2016/17</c>.</summary>
    AcademicYear = 6,

    /// <summary>A calendar year, January to December, written <c>2017</c>.</summary>
    CalendarYear = 7,

    /// <summary>The twelve months ending with a month, written <c>12m to 2017-07</c>.</summary>
    Rolling12Months = 8,

    /// <summary>Calendar years pooled, as national statistics publish small areas' figures, written
    /// <c>2014 - 16</c> (2014, 2015 and 2016).</summary>
    PooledCalendarYears = 9,

    /// <summary>Financial years pooled, written <c>2014/15 - 16/17</c>.</summary>
    PooledFinancialYears = 10,
}
