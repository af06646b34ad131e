using System.Globalization;
using Outturn.Domain.Framework;

namespace Outturn.Domain.Rating;

/// <summary>Writes figures as reports print them: 83%, 21.38%, £10,080, 48 days, 157 per 100,000.</summary>
public static class ValueFormatter
{
    private static readonly CultureInfo EnGb = CultureInfo.InvariantCulture;

    public static string Format(decimal value, MeasureProfile measure) => measure.Unit switch
    {
        Unit.Percentage => Number(value, measure.Decimals) + "%",
        Unit.Money => (value < 0 ? "-£" : "£") + Number(Math.Abs(value), measure.Decimals),
        Unit.Days => Number(value, measure.Decimals) + (value == 1 ? " day" : " days"),
        Unit.Rate => Number(value, measure.Decimals) + " per " + (measure.RatePer ?? 1000).ToString("#,##0", EnGb),
        _ => Number(value, measure.Decimals),
    };

    /// <summary>A difference between two figures: "12 points" for percentages, else the unit's own form.</summary>
    public static string FormatDifference(decimal difference, MeasureProfile measure)
    {
        var decimals = Math.Max(measure.Decimals, 1) + 1;
        return measure.Unit switch
        {
            Unit.Percentage => Trimmed(difference, decimals) + (difference == 1 ? " point" : " points"),
            Unit.Money => "£" + Trimmed(difference, decimals),
            Unit.Days => Trimmed(difference, decimals) + (difference == 1 ? " day" : " days"),
            _ => Trimmed(difference, decimals),
        };
    }

    /// <summary>A number with thousands separators and exactly <paramref name="decimals"/> places.</summary>
    public static string Number(decimal value, int decimals) =>
        Math.Round(value, Math.Clamp(decimals, 0, 6), MidpointRounding.AwayFromZero).ToString("N" + Math.Clamp(decimals, 0, 6), EnGb);

    /// <summary>A number with up to <paramref name="maxDecimals"/> places, trailing zeros dropped.</summary>
    public static string Trimmed(decimal value, int maxDecimals) =>
        Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero).ToString("#,##0." + new string('#', maxDecimals), EnGb);
}
