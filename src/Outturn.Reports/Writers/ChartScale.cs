using System.Globalization;

namespace Outturn.Reports.Writers;

/// <summary>
/// A chart's value axis with round ticks: the bounds and step are "nice numbers" (1, 2 or 5 times a power of ten)
/// chosen so that about <c>count</c> ticks cover the figures (P. S. Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990). The axis never starts below zero for figures that are all zero or more.
/// </summary>
public sealed record ChartScale(decimal Min, decimal Max, decimal Step)
{
    /// <summary>The ticks from <see cref="Min"/> to <see cref="Max"/>, a step apart.</summary>
    public IReadOnlyList<decimal> Ticks
    {
        get
        {
            var ticks = new List<decimal>();
            for (var t = Min; t <= Max + (Step / 2); t += Step)
            {
                ticks.Add(t);
            }

            return ticks;
        }
    }

    /// <summary>The scale for figures from <paramref name="low"/> to <paramref name="high"/>; with
    /// <paramref name="fromZero"/> (bars) it starts at zero.</summary>
    public static ChartScale For(decimal low, decimal high, bool fromZero = false, int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (low > high)
        {
            (low, high) = (high, low);
        }

        if (fromZero)
        {
            low = Math.Min(0, low);
            high = Math.Max(0, high);
        }

        if (low == high)
        {
            // One figure (or all alike): an axis a little either side of it, or 0 to 1 for zero.
            var half = low == 0 ? 1 : Math.Abs(low) / 10;
            (low, high) = (low >= 0 && low - half < 0 ? 0 : low - half, high + half);
        }

        var range = Nice(high - low, round: false);
        var step = Nice(range / (count - 1), round: true);
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        return new ChartScale(min, max, step);
    }

    /// <summary>A tick's words in the measure's unit: "24%", "£1,500", "1,200"; as many decimal places as the step
    /// needs and no more.</summary>
    public string Label(decimal tick, string unit)
    {
        var places = 0;
        for (var s = Step; s != Math.Floor(s) && places < 6; s *= 10)
        {
            places++;
        }

        var number = Math.Abs(tick)
            .ToString("N" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var sign = tick < 0 ? "-" : "";
        return unit switch
        {
            "Percentage" => $"{sign}{number}%",
            "Money" => $"{sign}£{number}",
            _ => sign + number,
        };
    }

    private static decimal Nice(decimal x, bool round)
    {
        var exponent = (int)Math.Floor(Math.Log10((double)x));
        var power = Pow10(exponent);
        var fraction = x / power;
        var nice = round
            ? fraction switch
            {
                < 1.5m => 1m,
                < 3m => 2m,
                < 7m => 5m,
                _ => 10m,
            }
            : fraction switch
            {
                <= 1m => 1m,
                <= 2m => 2m,
                <= 5m => 5m,
                _ => 10m,
            };
        return nice * power;
    }

    private static decimal Pow10(int exponent)
    {
        var p = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            p *= 10;
        }

        return exponent < 0 ? 1 / p : p;
    }
}
