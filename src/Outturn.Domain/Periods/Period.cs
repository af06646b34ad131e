using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Outturn.Domain.Periods;

/// <summary>
/// A reporting period: a month, a financial quarter, half or year (April–March), an academic term or year
/// (September–August), a calendar year, a rolling twelve months, or two or more calendar or financial years pooled.
/// Immutable; built only through the factory methods or <see cref="Parse"/>, which reject nonsense. Text form
/// round-trips through <see cref="ToString"/>.
/// </summary>
/// <remarks>
/// <see cref="Year"/> is the calendar year of a month, the first calendar year of a financial or academic year
/// (2017 for 2017/18), or the calendar year of a rolling window's last month. <see cref="Number"/> is the month,
/// quarter, half or term within that year (a rolling window's last month), 0 for whole years, and the number of years
/// pooled (2 to <see cref="MaxPooledYears"/>) for pooled years.
/// </remarks>
public readonly record struct Period : IComparable<Period>
{
    /// <summary>The first year a period may be written in (and so have a figure).</summary>
    public const int MinYear = 1900;

    /// <summary>The last year a period may be written in.</summary>
    public const int MaxYear = 2998;

    /// <summary>The most years a pooled period spans.</summary>
    public const int MaxPooledYears = 10;

    public PeriodKind Kind { get; }
    public int Year { get; }
    public int Number { get; }

    private Period(PeriodKind kind, int year, int number)
    {
        // A year either side of the written range, so that a period's neighbours always exist: a figure for January
        // 1900 is compared with December 1899 and with January 1899, where there can be none.
        if (year is < MinYear - 1 or > MaxYear + 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"Years run from {MinYear - 1} to {MaxYear + 1} ({MinYear} to {MaxYear} as written)."
            );
        }

        var (min, max) = IsPooled(kind) ? (2, MaxPooledYears) : (MaxNumber(kind) == 0 ? 0 : 1, MaxNumber(kind));
        if (number < min || number > max)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"A {kind} is numbered {min} to {max}.");
        }

        Kind = kind;
        Year = year;
        Number = number;
    }

    public static Period Month(int year, int month) => new(PeriodKind.Month, year, month);

    public static Period FinancialQuarter(int startYear, int quarter) =>
        new(PeriodKind.FinancialQuarter, startYear, quarter);

    public static Period FinancialHalf(int startYear, int half) => new(PeriodKind.FinancialHalf, startYear, half);

    public static Period FinancialYear(int startYear) => new(PeriodKind.FinancialYear, startYear, 0);

    public static Period AcademicTerm(int startYear, int term) => new(PeriodKind.AcademicTerm, startYear, term);

    public static Period AcademicYear(int startYear) => new(PeriodKind.AcademicYear, startYear, 0);

    public static Period CalendarYear(int year) => new(PeriodKind.CalendarYear, year, 0);

    public static Period Rolling12Months(int endYear, int endMonth) =>
        new(PeriodKind.Rolling12Months, endYear, endMonth);

    /// <summary>The calendar years <paramref name="firstYear"/> to <paramref name="lastYear"/> pooled
    /// (<c>2014 - 16</c>).</summary>
    public static Period PooledCalendarYears(int firstYear, int lastYear) =>
        new(PeriodKind.PooledCalendarYears, firstYear, lastYear - firstYear + 1);

    /// <summary>The financial years starting <paramref name="firstYear"/> to <paramref name="lastYear"/> pooled
    /// (<c>2014/15 - 16/17</c>).</summary>
    public static Period PooledFinancialYears(int firstYear, int lastYear) =>
        new(PeriodKind.PooledFinancialYears, firstYear, lastYear - firstYear + 1);

    /// <summary>True for kinds that pool several years.</summary>
    public static bool IsPooled(PeriodKind kind) =>
        kind is PeriodKind.PooledCalendarYears or PeriodKind.PooledFinancialYears;

    /// <summary>The period of <paramref name="kind"/> covering the months <paramref name="startMonth"/> to
    /// <paramref name="endMonth"/>, as stored beside a figure.</summary>
    public static Period FromMonths(PeriodKind kind, int startMonth, int endMonth) =>
        kind switch
        {
            _ when IsPooled(kind) => new(kind, MonthIndex.Year(startMonth), (endMonth - startMonth + 1) / 12),
            PeriodKind.Rolling12Months => Containing(kind, endMonth),
            _ => Containing(kind, startMonth),
        };

    /// <summary>Builds a period of <paramref name="kind"/> from its parts, as stored.</summary>
    public static Period Of(PeriodKind kind, int year, int number) => new(kind, year, number);

    private static int MaxNumber(PeriodKind kind) =>
        kind switch
        {
            PeriodKind.Month or PeriodKind.Rolling12Months => 12,
            PeriodKind.FinancialQuarter => 4,
            PeriodKind.AcademicTerm => 3,
            PeriodKind.FinancialHalf => 2,
            PeriodKind.FinancialYear or PeriodKind.AcademicYear or PeriodKind.CalendarYear => 0,
            PeriodKind.PooledCalendarYears or PeriodKind.PooledFinancialYears => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
        };

    /// <summary>The first month of the period, as a <see cref="MonthIndex"/>.</summary>
    public int StartMonth =>
        Kind switch
        {
            PeriodKind.Month => MonthIndex.Of(Year, Number),
            PeriodKind.FinancialQuarter => MonthIndex.Of(Year, 4) + ((Number - 1) * 3),
            PeriodKind.FinancialHalf => MonthIndex.Of(Year, 4) + ((Number - 1) * 6),
            PeriodKind.FinancialYear => MonthIndex.Of(Year, 4),
            PeriodKind.AcademicTerm => Number switch
            {
                1 => MonthIndex.Of(Year, 9),
                2 => MonthIndex.Of(Year + 1, 1),
                _ => MonthIndex.Of(Year + 1, 4),
            },
            PeriodKind.AcademicYear => MonthIndex.Of(Year, 9),
            PeriodKind.CalendarYear => MonthIndex.Of(Year, 1),
            PeriodKind.Rolling12Months => MonthIndex.Of(Year, Number) - 11,
            PeriodKind.PooledCalendarYears => MonthIndex.Of(Year, 1),
            PeriodKind.PooledFinancialYears => MonthIndex.Of(Year, 4),
            _ => throw new InvalidOperationException(),
        };

    /// <summary>The last month of the period (inclusive), as a <see cref="MonthIndex"/>.</summary>
    public int EndMonth => StartMonth + LengthInMonths - 1;

    public int LengthInMonths =>
        Kind switch
        {
            PeriodKind.Month => 1,
            PeriodKind.FinancialQuarter => 3,
            PeriodKind.FinancialHalf => 6,
            PeriodKind.AcademicTerm => Number switch
            {
                1 => 4,
                2 => 3,
                _ => 5,
            },
            _ when IsPooled(Kind) => 12 * Number,
            _ => 12,
        };

    /// <summary>The latest period of <paramref name="kind"/> to have ended by <paramref name="day"/>: on 1 December
    /// 2026, November 2026, Q2 2026/27, 2025/26.</summary>
    public static Period LatestEndedBy(PeriodKind kind, DateOnly day) =>
        Containing(kind, MonthIndex.Of(day.Year, day.Month)).Previous();

    /// <summary>True when the period's last day is before <paramref name="day"/>: March 2018 has ended by 1 April 2018,
    /// not on 31 March.</summary>
    public bool HasEndedBy(DateOnly day) => EndMonth < MonthIndex.Of(day.Year, day.Month);

    /// <summary>True when every month of <paramref name="other"/> lies within this period.</summary>
    public bool Contains(Period other) => other.StartMonth >= StartMonth && other.EndMonth <= EndMonth;

    /// <summary>True when <paramref name="monthIndex"/> lies within this period.</summary>
    public bool ContainsMonth(int monthIndex) => monthIndex >= StartMonth && monthIndex <= EndMonth;

    /// <summary>The period of the same kind immediately before this one.</summary>
    public Period Previous() => Shift(-1);

    /// <summary>The period of the same kind immediately after this one.</summary>
    public Period Next() => Shift(1);

    /// <summary>The period of the same kind one year earlier (Q1 2017/18 → Q1 2016/17).</summary>
    public Period SamePeriodLastYear() => new(Kind, Year - 1, Number);

    /// <summary>Moves by <paramref name="steps"/> periods of this kind (pooled years by whole years, as rolling
    /// three-year figures are published).</summary>
    public Period Shift(int steps)
    {
        var perYear = MaxNumber(Kind);
        if (perYear == 0)
        {
            return new Period(Kind, Year + steps, Number);
        }

        var ordinal = (Year * perYear) + (Number - 1) + steps;
        return new Period(Kind, Math.DivRem(ordinal, perYear).Quotient, (ordinal % perYear) + 1);
    }

    /// <summary>The financial year (April–March) in which this period ends.</summary>
    public Period FinancialYearEnding()
    {
        var end = EndMonth;
        var year = MonthIndex.Year(end);
        return FinancialYear(MonthIndex.Month(end) >= 4 ? year : year - 1);
    }

    /// <summary>The periods of <paramref name="kind"/> lying wholly within this one, in order.</summary>
    public IEnumerable<Period> SubPeriods(PeriodKind kind)
    {
        var probe = Containing(kind, StartMonth);
        while (probe.StartMonth <= EndMonth)
        {
            if (Contains(probe))
            {
                yield return probe;
            }

            probe = probe.Next();
        }
    }

    /// <summary>The period of <paramref name="kind"/> that contains the month <paramref name="monthIndex"/>
    /// (for rolling windows, the window ending that month). Pooled years have no one period containing a month: use
    /// <see cref="FromMonths"/>.</summary>
    public static Period Containing(PeriodKind kind, int monthIndex)
    {
        var year = MonthIndex.Year(monthIndex);
        var month = MonthIndex.Month(monthIndex);
        var financialYear = month >= 4 ? year : year - 1;
        var academicYear = month >= 9 ? year : year - 1;
        return kind switch
        {
            PeriodKind.Month => Month(year, month),
            PeriodKind.FinancialQuarter => FinancialQuarter(
                financialYear,
                ((monthIndex - MonthIndex.Of(financialYear, 4)) / 3) + 1
            ),
            PeriodKind.FinancialHalf => FinancialHalf(
                financialYear,
                ((monthIndex - MonthIndex.Of(financialYear, 4)) / 6) + 1
            ),
            PeriodKind.FinancialYear => FinancialYear(financialYear),
            PeriodKind.AcademicTerm => AcademicTerm(
                academicYear,
                month >= 9 ? 1
                    : month <= 3 ? 2
                    : 3
            ),
            PeriodKind.AcademicYear => AcademicYear(academicYear),
            PeriodKind.CalendarYear => CalendarYear(year),
            PeriodKind.Rolling12Months => Rolling12Months(year, month),
            _ => throw new ArgumentOutOfRangeException(
                nameof(kind),
                kind,
                "No single period of this kind contains a month."
            ),
        };
    }

    public int CompareTo(Period other)
    {
        var byEnd = EndMonth.CompareTo(other.EndMonth);
        if (byEnd != 0)
        {
            return byEnd;
        }

        var byStart = StartMonth.CompareTo(other.StartMonth);
        return byStart != 0 ? byStart : Kind.CompareTo(other.Kind);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical text: <c>2017-07</c>, <c>2017/18 Q1</c>, <c>2017/18 H1</c>, <c>2017/18</c>,
    /// <c>AY 2016/17</c>, <c>AY 2016/17 T1</c>, <c>2017</c>, <c>12m to 2017-07</c>, <c>2014 - 16</c>,
    /// <c>2014/15 - 16/17</c>.</summary>
    public override string ToString() =>
        Kind switch
        {
            PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
            PeriodKind.FinancialQuarter => $"{SplitYear(Year)} Q{Number}",
            PeriodKind.FinancialHalf => $"{SplitYear(Year)} H{Number}",
            PeriodKind.FinancialYear => SplitYear(Year),
            PeriodKind.AcademicTerm => $"AY {SplitYear(Year)} T{Number}",
            PeriodKind.AcademicYear => $"AY {SplitYear(Year)}",
            PeriodKind.CalendarYear => Year.ToString("D4", CultureInfo.InvariantCulture),
            PeriodKind.Rolling12Months => string.Create(CultureInfo.InvariantCulture, $"12m to {Year:D4}-{Number:D2}"),
            PeriodKind.PooledCalendarYears => string.Create(
                CultureInfo.InvariantCulture,
                $"{Year:D4} - {(Year + Number - 1) % 100:D2}"
            ),
            PeriodKind.PooledFinancialYears => $"{SplitYear(Year)} - {SplitYear(Year + Number - 1)[2..]}",
            _ => "?",
        };

    /// <summary>A name for people: "July 2017", "Q1 2017/18", "2017/18", "Autumn term 2016/17".</summary>
    public string Label =>
        Kind switch
        {
            PeriodKind.Month => new DateTime(Year, Number, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            PeriodKind.FinancialQuarter => $"Q{Number} {SplitYear(Year)}",
            PeriodKind.FinancialHalf => $"H{Number} {SplitYear(Year)}",
            PeriodKind.AcademicTerm =>
                $"{(Number switch { 1 => "Autumn", 2 => "Spring", _ => "Summer" })} term {SplitYear(Year)}",
            PeriodKind.AcademicYear => $"Academic year {SplitYear(Year)}",
            PeriodKind.Rolling12Months =>
                $"12 months to {new DateTime(Year, Number, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)}",
            PeriodKind.PooledCalendarYears => string.Create(
                CultureInfo.InvariantCulture,
                $"{Year:D4} to {Year + Number - 1:D4}"
            ),
            PeriodKind.PooledFinancialYears => $"{SplitYear(Year)} to {SplitYear(Year + Number - 1)}",
            _ => ToString(),
        };

    /// <summary>A shorter name where space is tight (a chart's axis): "Jul 2017" for a month, else
    /// <see cref="Label"/>.</summary>
    public string ShortLabel =>
        Kind == PeriodKind.Month
            ? new DateTime(Year, Number, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture)
            : Label;

    private static string SplitYear(int startYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{startYear:D4}/{(startYear + 1) % 100:D2}");

    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    public static bool TryParse(string? text, out Period period) => TryParse(text, out period, out _);

    public static bool TryParse(string? text, out Period period, [NotNullWhen(false)] out string? error) =>
        PeriodParser.TryParse(text, out period, out error);

    /// <summary>What a period must look like, for error messages.</summary>
    public const string ExpectedForms =
        "a period such as 2017-07, 2017/18 Q1, 2017/18 H1, 2017/18, AY 2016/17, AY 2016/17 T1, 2017, 12m to 2017-07, "
        + "or pooled years such as 2014 - 16 or 2014/15 - 16/17";
}
