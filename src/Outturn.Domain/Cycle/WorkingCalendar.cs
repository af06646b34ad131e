namespace Outturn.Domain.Cycle;

/// <summary>The parts of the United Kingdom whose bank holidays differ.</summary>
public enum HolidayRegion
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// <summary>The region's canonical text (england-and-wales, scotland, northern-ireland), as settings and the shipped
/// holiday data write it.</summary>
public static class HolidayRegions
{
    public static string Code(this HolidayRegion region) =>
        region switch
        {
            HolidayRegion.Scotland => "scotland",
            HolidayRegion.NorthernIreland => "northern-ireland",
            _ => "england-and-wales",
        };

    public static string Words(this HolidayRegion region) =>
        region switch
        {
            HolidayRegion.Scotland => "Scotland",
            HolidayRegion.NorthernIreland => "Northern Ireland",
            _ => "England and Wales",
        };

    public static bool TryParse(string? text, out HolidayRegion region)
    {
        foreach (var r in Enum.GetValues<HolidayRegion>())
        {
            if (string.Equals(text?.Trim(), r.Code(), StringComparison.OrdinalIgnoreCase))
            {
                region = r;
                return true;
            }
        }

        region = HolidayRegion.EnglandAndWales;
        return false;
    }

    public const string ExpectedForms = "england-and-wales, scotland or northern-ireland";
}

/// <summary>Which days are working days: Monday to Friday, except the holidays given (a region's bank holidays and any
/// an organisation adds).</summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public WorkingCalendar(IEnumerable<DateOnly> holidays) => _holidays = [.. holidays];

    /// <summary>Weekends only, no holidays.</summary>
    public static WorkingCalendar WeekdaysOnly { get; } = new([]);

    public bool IsHoliday(DateOnly day) => _holidays.Contains(day);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="day"/> (never <paramref name="day"/>
    /// itself); <paramref name="day"/> when <paramref name="days"/> is 0.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var d = day;
        for (var counted = 0; counted < days; )
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }

        return d;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when
    /// <paramref name="to"/> is earlier).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }
}
