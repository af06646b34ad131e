using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Outturn.Domain.Comparisons;

/// <summary>The two levels national indicators are published at: 95% and 99.8% (about two and three standard
/// errors).</summary>
public enum ConfidenceLevel
{
    Ninety5,
    Ninety9Point8,
}

/// <summary>How an interval was arrived at.</summary>
public enum IntervalMethod
{
    /// <summary>As published in the file it came from.</summary>
    Published,

    /// <summary>Wilson's score interval, for a proportion.</summary>
    Wilson,

    /// <summary>Byar's approximation to the Poisson interval, for a rate (count 10 or more).</summary>
    Byar,

    /// <summary>The exact Poisson interval from the chi-squared distribution, for a rate with a count under
    /// 10.</summary>
    ExactPoisson,
}

/// <summary>A confidence interval in the figure's own unit (a percentage, a rate per N), lower ≤ upper.</summary>
public readonly record struct ConfidenceInterval
{
    public double Lower { get; }
    public double Upper { get; }
    public IntervalMethod Method { get; }

    public ConfidenceInterval(double lower, double upper, IntervalMethod method = IntervalMethod.Published)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lower),
                $"An interval runs from a lower to a higher figure, not {lower} to {upper}."
            );
        }

        Lower = lower;
        Upper = upper;
        Method = method;
    }

    /// <summary>True when <paramref name="value"/> lies within the interval, its ends included (as Fingertips
    /// decides "similar").</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Lower:0.######} to {Upper:0.######}");
}

/// <summary>Confidence intervals for published indicators, worked out from a count and a denominator when the data
/// give none, by the methods Public Health England's indicator methods use (the PHEindicatormethods R package,
/// <c>phe_proportion</c> and <c>phe_rate</c>; "Technical Guide: Confidence Intervals", PHE 2018).</summary>
public static class ConfidenceIntervals
{
    /// <summary>Below this count a rate's interval is exact (chi-squared) rather than Byar's approximation.</summary>
    public const double ExactBelow = 10;

    /// <summary>The two-sided normal quantile for <paramref name="level"/>: 1.959964 for 95%, 3.090232 for
    /// 99.8%.</summary>
    public static double Z(ConfidenceLevel level) => Normal.InvCDF(0, 1, 1 - (Alpha(level) / 2));

    /// <summary>One minus the level: 0.05 or 0.002.</summary>
    public static double Alpha(ConfidenceLevel level) => level == ConfidenceLevel.Ninety5 ? 0.05 : 0.002;

    /// <summary>Wilson's score interval for <paramref name="count"/> of <paramref name="denominator"/> (Wilson,
    /// E. B. 1927, "Probable inference, the law of succession, and statistical inference", JASA 22:209–212), times
    /// <paramref name="multiplier"/> (100 for a percentage). Never below 0 or above the multiplier.</summary>
    public static ConfidenceInterval Wilson(
        double count,
        double denominator,
        ConfidenceLevel level,
        double multiplier = 1
    )
    {
        RequireCount(count);
        if (!(denominator > 0) || count > denominator)
        {
            throw new ArgumentOutOfRangeException(
                nameof(denominator),
                denominator,
                $"A proportion needs a denominator above 0 and at least the count ({count})."
            );
        }

        var z = Z(level);
        var p = count / denominator;
        var centre = (2 * count) + (z * z);
        var spread = z * Math.Sqrt((z * z) + (4 * count * (1 - p)));
        var under = 2 * (denominator + (z * z));
        return new ConfidenceInterval(
            Math.Max(0, (centre - spread) / under) * multiplier,
            Math.Min(1, (centre + spread) / under) * multiplier,
            IntervalMethod.Wilson
        );
    }

    /// <summary>The interval of a rate, <paramref name="count"/> ÷ <paramref name="denominator"/> ×
    /// <paramref name="multiplier"/> (100,000 for a rate per 100,000): Byar's method for a count of
    /// <see cref="ExactBelow"/> or more, the exact Poisson interval below.</summary>
    public static ConfidenceInterval Rate(double count, double denominator, ConfidenceLevel level, double multiplier)
    {
        RequireCount(count);
        if (!(denominator > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A rate needs a denominator.");
        }

        var counts = count < ExactBelow ? ExactPoisson(count, level) : Byar(count, level);
        return new ConfidenceInterval(
            counts.Lower / denominator * multiplier,
            counts.Upper / denominator * multiplier,
            counts.Method
        );
    }

    /// <summary>Byar's approximation to the Poisson interval of a count (Breslow, N. E. and Day, N. E. 1987,
    /// "Statistical Methods in Cancer Research" vol. II, IARC, p. 69): lower
    /// x(1 − 1/(9x) − z/(3√x))³, upper (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.</summary>
    public static ConfidenceInterval Byar(double count, ConfidenceLevel level)
    {
        RequireCount(count);
        if (count <= 0)
        {
            return ExactPoisson(count, level);
        }

        var z = Z(level);
        var lower = count * Math.Pow(1 - (1 / (9 * count)) - (z / (3 * Math.Sqrt(count))), 3);
        var next = count + 1;
        var upper = next * Math.Pow(1 - (1 / (9 * next)) + (z / (3 * Math.Sqrt(next))), 3);
        return new ConfidenceInterval(Math.Max(0, lower), upper, IntervalMethod.Byar);
    }

    /// <summary>The exact Poisson interval of a count from the chi-squared distribution (Ulm, K. 1990, "A simple
    /// method to calculate the confidence interval of a standardized mortality ratio", Am J Epidemiol 131:373–375):
    /// lower χ²(α/2; 2x) ÷ 2, upper χ²(1 − α/2; 2(x+1)) ÷ 2; the lower is 0 for a count of 0.</summary>
    public static ConfidenceInterval ExactPoisson(double count, ConfidenceLevel level)
    {
        RequireCount(count);
        var alpha = Alpha(level);
        var lower = count <= 0 ? 0 : ChiSquared.InvCDF(2 * count, alpha / 2) / 2;
        var upper = ChiSquared.InvCDF(2 * (count + 1), 1 - (alpha / 2)) / 2;
        return new ConfidenceInterval(lower, upper, IntervalMethod.ExactPoisson);
    }

    private static void RequireCount(double count)
    {
        if (!(count >= 0) || double.IsInfinity(count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A count is a figure of 0 or more.");
        }
    }
}
