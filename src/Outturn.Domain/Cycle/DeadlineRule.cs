using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Cycle;

/// <summary>
/// When a period's figure is due: a number of working days (or of calendar days) after the period's last day.
/// Canonical text <c>10 working days</c> or <c>14 days</c>; "after period end" may follow.
/// </summary>
public readonly partial record struct DeadlineRule
{
    public const int MaxDays = 120;

    public static readonly DeadlineRule Default = new(10, workingDays: true);

    public int Days { get; }
    public bool WorkingDays { get; }

    private DeadlineRule(int days, bool workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        Days = days;
        WorkingDays = workingDays;
    }

    public static DeadlineRule Working(int days) => new(days, workingDays: true);

    public static DeadlineRule Calendar(int days) => new(days, workingDays: false);

    /// <summary>The last day on which <paramref name="period"/>'s figure is on time.</summary>
    public DateOnly DeadlineFor(Period period, WorkingCalendar calendar)
    {
        var end = LastDayOf(period);
        return WorkingDays ? calendar.AddWorkingDays(end, Days) : end.AddDays(Days);
    }

    /// <summary>The last calendar day of a period.</summary>
    public static DateOnly LastDayOf(Period period)
    {
        var year = MonthIndex.Year(period.EndMonth);
        var month = MonthIndex.Month(period.EndMonth);
        return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }

    public override string ToString() =>
        Days.ToString(CultureInfo.InvariantCulture)
        + (WorkingDays ? (Days == 1 ? " working day" : " working days") : (Days == 1 ? " day" : " days"));

    public const string ExpectedForms =
        "a number of working days or days after the period ends, such as '10 working days' or '14 days'";

    public static bool TryParse(string? text, out DeadlineRule rule, [NotNullWhen(false)] out string? error)
    {
        rule = Default;
        var match = Pattern().Match(text ?? "");
        if (
            !match.Success
            || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            || days > MaxDays
        )
        {
            error = $"'{text}' is not a deadline: expected {ExpectedForms} (at most {MaxDays})";
            return false;
        }

        error = null;
        rule = new DeadlineRule(days, match.Groups["working"].Success);
        return true;
    }

    public static DeadlineRule Parse(string text) =>
        TryParse(text, out var rule, out var error) ? rule : throw new FormatException(error);

    [GeneratedRegex(
        @"^\s*(?<n>\d{1,4})\s+(?<working>working\s+)?days?(\s+after(\s+the)?\s+period(\s+ends?)?)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex Pattern();
}
