using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Outturn.Domain.Periods;

/// <summary>Reads the canonical period forms, ignoring case and surrounding spaces.</summary>
internal static partial class PeriodParser
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})/(\d{2})(?: (Q|H)(\d))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FinancialPattern();

    [GeneratedRegex(@"^AY (\d{4})/(\d{2})(?: T(\d))?$", RegexOptions.IgnoreCase)]
    private static partial Regex AcademicPattern();

    [GeneratedRegex(@"^(\d{4})$")]
    private static partial Regex CalendarYearPattern();

    [GeneratedRegex(@"^12m to (\d{4})-(\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex RollingPattern();

    [GeneratedRegex(@"^(\d{4}) - (\d{2}|\d{4})$")]
    private static partial Regex PooledCalendarPattern();

    [GeneratedRegex(@"^(\d{4})/(\d{2}) - (\d{2}|\d{4})/(\d{2})$")]
    private static partial Regex PooledFinancialPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static bool TryParse(string? text, out Period period, [NotNullWhen(false)] out string? error) =>
        TryRead(text, out period, out error) && Written(text!, ref period, ref error);

    private static bool TryRead(string? text, out Period period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A period is required.";
            return false;
        }

        var t = Spaces().Replace(text.Trim(), " ");
        try
        {
            if (Match(MonthPattern(), t) is { } m)
            {
                period = Period.Month(Int(m, 1), Int(m, 2));
                return true;
            }

            if (Match(FinancialPattern(), t) is { } f && SecondYearFollows(f, ref error))
            {
                var year = Int(f, 1);
                period =
                    !f.Groups[3].Success ? Period.FinancialYear(year)
                    : char.ToUpperInvariant(f.Groups[3].Value[0]) == 'Q' ? Period.FinancialQuarter(year, Int(f, 4))
                    : Period.FinancialHalf(year, Int(f, 4));
                return true;
            }

            if (Match(AcademicPattern(), t) is { } a && SecondYearFollows(a, ref error))
            {
                var year = Int(a, 1);
                period = a.Groups[3].Success ? Period.AcademicTerm(year, Int(a, 3)) : Period.AcademicYear(year);
                return true;
            }

            if (Match(CalendarYearPattern(), t) is { } c)
            {
                period = Period.CalendarYear(Int(c, 1));
                return true;
            }

            if (Match(RollingPattern(), t) is { } r)
            {
                period = Period.Rolling12Months(Int(r, 1), Int(r, 2));
                return true;
            }

            if (Match(PooledCalendarPattern(), t) is { } pc && LastYear(pc, 1, 2, ref error) is { } lastCalendar)
            {
                period = Period.PooledCalendarYears(Int(pc, 1), lastCalendar);
                return true;
            }

            if (
                Match(PooledFinancialPattern(), t) is { } pf
                && SecondYearFollows(pf, ref error)
                && LastYear(pf, 1, 3, ref error) is { } lastFinancial
                && (lastFinancial + 1) % 100 == Int(pf, 4)
            )
            {
                period = Period.PooledFinancialYears(Int(pf, 1), lastFinancial);
                return true;
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            error = $"'{text}' is not a real period: {ex.Message.Split(" (Parameter", 2)[0]}";
            return false;
        }

        error ??= $"'{text}' is not {Period.ExpectedForms}.";
        return false;
    }

    /// <summary>A period read from text lies in the years a figure may have (the type holds a year either side, for
    /// a period's neighbours).</summary>
    private static bool Written(string text, ref Period period, ref string? error)
    {
        if (period.Year is >= Period.MinYear and <= Period.MaxYear)
        {
            return true;
        }

        error = $"'{text}' is not a real period: years run from {Period.MinYear} to {Period.MaxYear}.";
        period = default;
        return false;
    }

    private static Match? Match(Regex regex, string text)
    {
        var m = regex.Match(text);
        return m.Success ? m : null;
    }

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    /// <summary>The pooled period's last year from its first (group <paramref name="first"/>) and its last written
    /// in two or four digits (group <paramref name="last"/>), or null with an error when it does not come after the
    /// first.</summary>
    private static int? LastYear(Match m, int first, int last, ref string? error)
    {
        var from = Int(m, first);
        var written = m.Groups[last].Value;
        var to = written.Length == 4 ? Int(m, last) : from - (from % 100) + Int(m, last);
        if (written.Length == 2 && to < from)
        {
            to += 100;
        }

        if (to > from && to - from < Period.MaxPooledYears)
        {
            return to;
        }

        error = $"'{m.Value}': pooled years run from one year to a later one, {Period.MaxPooledYears} at most.";
        return null;
    }

    private static bool SecondYearFollows(Match m, ref string? error)
    {
        var first = Int(m, 1);
        var second = Int(m, 2);
        if ((first + 1) % 100 == second)
        {
            return true;
        }

        error = $"'{m.Value}': the year after {first} is {(first + 1) % 100:D2}, not {second:D2}.";
        return false;
    }
}
