using Outturn.Domain.Framework;

namespace Outturn.Domain.Statistics;

/// <summary>What Fingertips' recent-trend test says of an indicator's last five figures.</summary>
public enum RecentTrendKind
{
    /// <summary>Fewer than five figures with what the test needs (confidence intervals, or counts).</summary>
    CannotBeCalculated,
    NoSignificantChange,
    Increasing,
    Decreasing,
}

/// <summary>One figure of a series, oldest first, with its 95% confidence interval.</summary>
public sealed record TrendPoint(double Value, double Lower95, double Upper95);

/// <summary>The test's result: the trend, the chi-squared statistic and the slope per period.</summary>
public sealed record RecentTrend(RecentTrendKind Kind, double ChiSquared, double Slope)
{
    /// <summary>As Fingertips words it, by the indicator's polarity: "increasing and getting better", "no significant
    /// change".</summary>
    public string Words(Polarity polarity) =>
        Kind switch
        {
            RecentTrendKind.Increasing or RecentTrendKind.Decreasing => Direction
                + polarity switch
                {
                    Polarity.HigherIsBetter => Kind == RecentTrendKind.Increasing
                        ? " and getting better"
                        : " and getting worse",
                    Polarity.LowerIsBetter => Kind == RecentTrendKind.Increasing
                        ? " and getting worse"
                        : " and getting better",
                    _ => "",
                },
            RecentTrendKind.NoSignificantChange => "no significant change",
            _ => "cannot be calculated",
        };

    private string Direction => Kind == RecentTrendKind.Increasing ? "increasing" : "decreasing";

    /// <summary>The canonical code, as the CSV and the API write it: <c>increasing</c>, <c>decreasing</c>,
    /// <c>no_significant_change</c> or <c>cannot_be_calculated</c>.</summary>
    public string Code =>
        Kind switch
        {
            RecentTrendKind.Increasing => "increasing",
            RecentTrendKind.Decreasing => "decreasing",
            RecentTrendKind.NoSignificantChange => "no_significant_change",
            _ => "cannot_be_calculated",
        };
}

/// <summary>
/// Fingertips' recent-trend test (Public Health England's "recent trends" method, as fingertips-open's
/// <c>TrendMarkerCalculator</c> implements it; read, not copied): over the last <see cref="Points"/> figures, a
/// slope fitted by weighted least squares (each figure weighted by the inverse of its variance, the variance taken
/// from its 95% interval as ((upper − lower) ÷ 3.92)²), its chi-squared (slope² ÷ its variance) compared with
/// <see cref="Critical"/> (the 99.8% point of chi-squared on one degree of freedom); and the slope's sign must not
/// change when any one figure is left out (the "no outliers" check). For proportions with counts, the chi-squared
/// test for trend in proportions (Armitage) is used instead, with the leave-one-out check on the slope of the
/// figures' log odds. Both are pure functions of the series given, oldest first.
/// </summary>
public static class RecentTrends
{
    public const int Points = 5;

    /// <summary>The 99.8% point of chi-squared with one degree of freedom.</summary>
    public const double Critical = 9.54953570608324;

    /// <summary>The test on figures with confidence intervals (rates, means, any value with an interval).</summary>
    public static RecentTrend Test(IReadOnlyList<TrendPoint> series)
    {
        var usable = series.Where(p => p.Upper95 > p.Lower95 && double.IsFinite(p.Value)).TakeLast(Points).ToList();
        if (usable.Count < Points)
        {
            return new RecentTrend(RecentTrendKind.CannotBeCalculated, 0, 0);
        }

        var points = usable
            .Select((p, i) => (X: i + 1.0, Y: p.Value, W: 1 / Math.Pow((p.Upper95 - p.Lower95) / 3.92, 2)))
            .ToList();
        var (slope, variance) = WeightedSlope(points);
        var chiSquared = slope * slope / variance;
        var steady = Enumerable
            .Range(0, Points)
            .All(leftOut => Sign(WeightedSlope([.. points.Where((_, i) => i != leftOut)]).Slope) == Sign(slope));
        return Result(chiSquared, slope, steady);
    }

    /// <summary>The test for proportions, from each period's count and denominator, oldest first.</summary>
    public static RecentTrend TestProportions(IReadOnlyList<(double Count, double Denominator)> series)
    {
        var usable = series.Where(p => p.Count > 0 && p.Denominator > p.Count).TakeLast(Points).ToList();
        if (usable.Count < Points)
        {
            return new RecentTrend(RecentTrendKind.CannotBeCalculated, 0, 0);
        }

        var t = Enumerable.Range(1, Points).Select(i => (double)i).ToArray();
        var n = usable.Sum(p => p.Denominator);
        var c = usable.Sum(p => p.Count);
        var ct = usable.Select((p, i) => p.Count * t[i]).Sum();
        var nt = usable.Select((p, i) => p.Denominator * t[i]).Sum();
        var nt2 = usable.Select((p, i) => p.Denominator * t[i] * t[i]).Sum();
        var chiSquared = n * Math.Pow((n * ct) - (c * nt), 2) / (c * (n - c) * ((n * nt2) - (nt * nt)));

        var logOdds = usable
            .Select((p, i) => (X: t[i], Y: Math.Log(p.Count / (p.Denominator - p.Count)), W: 1.0))
            .ToList();
        var slope = WeightedSlope(logOdds).Slope;
        var steady = Enumerable
            .Range(0, Points)
            .All(leftOut => Sign(WeightedSlope([.. logOdds.Where((_, i) => i != leftOut)]).Slope) == Sign(slope));
        return Result(chiSquared, slope, steady);
    }

    private static RecentTrend Result(double chiSquared, double slope, bool steady) =>
        new(
            !(chiSquared > Critical && steady) ? RecentTrendKind.NoSignificantChange
                : slope > 0 ? RecentTrendKind.Increasing
                : RecentTrendKind.Decreasing,
            chiSquared,
            slope
        );

    /// <summary>A slope of zero counts with the rising ones, as Fingertips counts it.</summary>
    private static int Sign(double slope) => slope < 0 ? -1 : 1;

    /// <summary>The weighted least-squares slope of Y on X and its variance (Σw ÷ (Σw·Σwx² − (Σwx)²)).</summary>
    private static (double Slope, double Variance) WeightedSlope(IReadOnlyList<(double X, double Y, double W)> points)
    {
        double s = 0,
            sx = 0,
            sy = 0,
            sxy = 0,
            sxx = 0;
        foreach (var (x, y, w) in points)
        {
            (s, sx, sy, sxy, sxx) = (s + w, sx + (w * x), sy + (w * y), sxy + (w * x * y), sxx + (w * x * x));
        }

        var d = (s * sxx) - (sx * sx);
        return (((s * sxy) - (sx * sy)) / d, s / d);
    }
}
