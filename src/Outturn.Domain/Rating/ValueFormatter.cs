using System.Globalization;
using Outturn.Domain.Framework;

namespace Outturn.Domain.Rating;

/// <summary>Writes figures as reports print them: 83%, 21.38%, £10,080, 48 days, 157 per 100,000.</summary>
/// <remarks>A measure that fixes its decimals prints every figure with them. One that does not prints each figure with
/// the places it was entered with (8.0% beside 10%, as councils type them), up to <see cref="MaxEnteredDecimals"/>;
/// a figure with more places was worked out (an average, a ratio of numerator and denominator) and prints with the
/// unit's default (<see cref="MeasureProfile.DefaultDecimals"/>).</remarks>
public static class ValueFormatter
{
    private static readonly CultureInfo EnGb = CultureInfo.InvariantCulture;

    /// <summary>The most places a figure is taken to have been entered with.</summary>
    public const int MaxEnteredDecimals = 4;

    /// <summary>A worked-out or national figure (a double) in the measure's format, to four places at most; "-" for
    /// none.</summary>
    public static string FormatFigure(double? value, MeasureProfile measure) =>
        value is { } v && double.IsFinite(v) ? Format((decimal)Math.Round(v, 4), measure) : "-";

    public static string Format(decimal value, MeasureProfile measure)
    {
        var decimals = DecimalsFor(value, measure);
        return WithLabel(
            measure.Unit switch
            {
                Unit.Percentage => Number(value, decimals) + "%",
                Unit.Money => (value < 0 ? "-£" : "£") + Number(Math.Abs(value), decimals),
                Unit.Days => Number(value, decimals) + (value == 1 ? " day" : " days"),
                Unit.Rate => Number(value, decimals) + " per " + (measure.RatePer ?? 1000).ToString("#,##0", EnGb),
                _ => Number(value, decimals),
            },
            measure.UnitLabel
        );
    }

    /// <summary>Abbreviated units of measurement, which GOV.UK's style guide writes against the number (3,500kg,
    /// 50mph); any other label follows after a space (52 sessions).</summary>
    private static readonly HashSet<string> Abbreviations =
    [
        "g",
        "kg",
        "t",
        "mm",
        "cm",
        "m",
        "km",
        "m2",
        "m3",
        "ha",
        "ml",
        "l",
        "mph",
        "kWh",
        "MWh",
        "GWh",
        "tCO2e",
    ];

    /// <summary>A figure followed by the measure's unit label, if it has one.</summary>
    public static string WithLabel(string figure, string? label) =>
        string.IsNullOrWhiteSpace(label) ? figure
        : Abbreviations.Contains(label.Split(' ', 2)[0]) ? figure + label.Trim()
        : figure + " " + label.Trim();

    /// <summary>The places <paramref name="value"/> prints with for <paramref name="measure"/>.</summary>
    public static int DecimalsFor(decimal value, MeasureProfile measure) =>
        measure.Decimals ?? (value.Scale <= MaxEnteredDecimals ? value.Scale : measure.DefaultDecimals);

    /// <summary>A difference between two figures: "12 points" for percentages, else the unit's own form.</summary>
    public static string FormatDifference(decimal difference, MeasureProfile measure)
    {
        var decimals = Math.Max(measure.DefaultDecimals, 1) + 1;
        return measure.Unit switch
        {
            Unit.Percentage => Trimmed(difference, decimals) + (difference == 1 ? " point" : " points"),
            Unit.Money => "£" + Trimmed(difference, decimals),
            Unit.Days => Trimmed(difference, decimals) + (difference == 1 ? " day" : " days"),
            _ => WithLabel(Trimmed(difference, decimals), measure.UnitLabel),
        };
    }

    /// <summary>A number with thousands separators and exactly <paramref name="decimals"/> places.</summary>
    public static string Number(decimal value, int decimals) =>
        Math.Round(value, Math.Clamp(decimals, 0, 6), MidpointRounding.AwayFromZero)
            .ToString("N" + Math.Clamp(decimals, 0, 6), EnGb);

    /// <summary>A number with up to <paramref name="maxDecimals"/> places, trailing zeros dropped.</summary>
    public static string Trimmed(decimal value, int maxDecimals) =>
        Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero)
            .ToString("#,##0." + new string('#', maxDecimals), EnGb);
}
