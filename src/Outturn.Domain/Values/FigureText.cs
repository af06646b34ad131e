using System.Globalization;
using Outturn.Domain.Framework;

namespace Outturn.Domain.Values;

/// <summary>
/// Figures as councils write them: <c>1,050</c>, <c>83%</c>, <c>£10,080</c>; money with a magnitude (<c>£2.0m</c>,
/// <c>£125k</c>, <c>£1.2bn</c>); days with their word (<c>48 days</c>, <c>1 day</c>) for a measure counted in days; and
/// a target followed by words (<c>33 (per month)</c>, <c>4.3% Biannually (Q2 and Q4)</c>). A form that says more
/// than the plain number is kept, so that it prints as it was entered.
/// </summary>
public static class FigureText
{
    /// <summary>The number <paramref name="text"/> is; <paramref name="plain"/> when it is written in the usual way, so
    /// there is nothing to keep of how it was written.</summary>
    public static bool TryParse(string text, Unit unit, out decimal value, out bool plain)
    {
        value = 0;
        plain = true;
        var span = text.AsSpan().Trim();
        if (unit == Unit.Days && Strip(ref span, " days", " day"))
        {
            plain = false;
        }

        if (span.EndsWith("%"))
        {
            span = span[..^1].TrimEnd();
        }

        var magnitude = 1m;
        if (span.StartsWith("£"))
        {
            span = span[1..].TrimStart();
            (magnitude, var suffix) = Magnitude(span);
            span = span[..^suffix].TrimEnd();
            plain &= suffix == 0;
        }

        if (
            !decimal.TryParse(
                span,
                NumberStyles.Number | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture,
                out var number
            )
        )
        {
            return false;
        }

        // £5.07m is 5070000, not 5070000.00: the places belong to how it was written (kept), not to the number.
        value = magnitude == 1 ? number : number * magnitude / 1.0000000000000000000000000000m;
        return true;
    }

    /// <summary>A target: a figure, or a figure followed by words after a space ("33 (per month)").</summary>
    public static bool TryParseTarget(string text, Unit unit, out decimal value, out string? entered)
    {
        var trimmed = text.Trim();
        if (TryParse(trimmed, unit, out value, out var plain))
        {
            entered = plain ? null : trimmed;
            return true;
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (
            space > 0
            && trimmed[(space + 1)..].Any(char.IsLetter)
            && TryParse(trimmed[..space], unit, out value, out _)
        )
        {
            entered = trimmed;
            return true;
        }

        (value, entered) = (0, null);
        return false;
    }

    private static bool Strip(ref ReadOnlySpan<char> span, params string[] endings)
    {
        foreach (var ending in endings)
        {
            if (span.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                span = span[..^ending.Length].TrimEnd();
                return true;
            }
        }

        return false;
    }

    private static (decimal Magnitude, int Length) Magnitude(ReadOnlySpan<char> span) =>
        span.EndsWith("bn", StringComparison.OrdinalIgnoreCase) ? (1_000_000_000m, 2)
        : span.EndsWith("m", StringComparison.OrdinalIgnoreCase) ? (1_000_000m, 1)
        : span.EndsWith("k", StringComparison.OrdinalIgnoreCase) ? (1_000m, 1)
        : (1m, 0);
}
