using Outturn.Domain.Framework;

namespace Outturn.Domain.Statistics;

/// <summary>What a point of an XmR chart shows, in the NHS "Making Data Count" meaning: common-cause variation
/// (noise), or a special cause that is an improvement or a concern by the measure's polarity, or high or low for a
/// measure with none.</summary>
public enum SpcVariation
{
    CommonCause,
    Improvement,
    Concern,
    NeutralHigh,
    NeutralLow,
}

/// <summary>The rule that made a point special cause, in order of precedence.</summary>
public enum SpcRule
{
    None,

    /// <summary>Strictly beyond a process limit.</summary>
    OutsideLimits,

    /// <summary>Part of a run of points each strictly higher (or lower) than the one before.</summary>
    Trend,

    /// <summary>Two of three consecutive points in the zone near a limit, all three on the same side of the
    /// mean.</summary>
    TwoOfThree,

    /// <summary>Part of a run of consecutive points on the same side of the mean.</summary>
    Shift,
}

/// <summary>Whether the process, as its limits say, will meet its target.</summary>
public enum SpcAssurance
{
    /// <summary>The target is beyond the limits on the good side: every point is expected to meet it.</summary>
    ConsistentPass,

    /// <summary>The target is beyond the limits on the bad side: no point is expected to meet it.</summary>
    ConsistentFail,

    /// <summary>The target is within the limits: it will be met some times and missed others.</summary>
    HitAndMiss,
}

/// <summary>How an XmR chart is worked out.</summary>
public sealed record SpcOptions
{
    /// <summary>Leave moving ranges above <see cref="Spc.ScreenFactor"/> × their mean out before taking the mean again
    /// (off by default, as in the Making Data Count Excel tool).</summary>
    public bool ScreenOutliers { get; init; }

    /// <summary>Work out each baseline's limits from its first N points only (null: all of them).</summary>
    public int? FixAfter { get; init; }

    /// <summary>The points that start a new baseline (recalculated limits), by index; the first point always
    /// does.</summary>
    public IReadOnlyList<int> Rebases { get; init; } = [];

    public int TrendLength { get; init; } = 7;
    public int ShiftLength { get; init; } = 7;

    public static readonly SpcOptions Standard = new();
}

/// <summary>One point of an XmR chart with the limits of its baseline.</summary>
public readonly record struct SpcPoint(
    double Value,
    double Mean,
    double LowerLimit,
    double UpperLimit,
    double NearLower,
    double NearUpper,
    SpcRule Rule,
    SpcVariation Variation,
    int Baseline
);

/// <summary>An XmR chart: its points; the variation of the last point (the variation icon); the assurance from the
/// target against the last limits (null without a target or polarity); and whether the limits are trial limits
/// (a baseline of fewer than <see cref="Spc.MinimumPoints"/> points).</summary>
public sealed record SpcChart(IReadOnlyList<SpcPoint> Points, SpcAssurance? Assurance, bool TrialLimits)
{
    public SpcVariation Variation => Points.Count == 0 ? SpcVariation.CommonCause : Points[^1].Variation;
}

/// <summary>
/// Statistical process control by the NHS "Making Data Count" rules, as the NHS-R community's NHSRplotthedots
/// implements them (github.com/nhs-r-community/NHSRplotthedots, R/ptd_spc_standard.R and
/// R/ptd_calculate_point_type.R; this is our own code): for each baseline the centre line is the mean of its points,
/// the moving ranges |xᵢ − xᵢ₋₁| give their mean, the process limits are mean ± 2.66 × mean moving range and the
/// near-limit zone starts at ±(2/3 × 2.66) × mean moving range. A point is special cause when it is outside the
/// limits, part of a trend, two of three near a limit on one side, or part of a shift, in that order.
/// </summary>
public static class Spc
{
    public const double LimitFactor = 2.66;
    public const double NearFactor = 2 * LimitFactor / 3;
    public const double ScreenFactor = 3.267;

    /// <summary>The fewest points for limits that are more than trial limits (Making Data Count).</summary>
    public const int MinimumPoints = 13;

    public static SpcChart Analyse(
        IReadOnlyList<double> values,
        Polarity polarity,
        double? target = null,
        SpcOptions? options = null
    )
    {
        options ??= SpcOptions.Standard;
        var n = values.Count;
        var baseline = new int[n];
        var starts = options.Rebases.Where(i => i > 0 && i < n).Distinct().Order().ToList();
        for (var i = 0; i < n; i++)
        {
            baseline[i] = starts.Count(s => s <= i);
        }

        var mean = new double[n];
        var amr = new double[n];
        var trial = false;
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => baseline[i]))
        {
            var indices = group.ToList();
            var used = indices.Take(options.FixAfter ?? int.MaxValue).Select(i => values[i]).ToList();
            trial |= used.Count < MinimumPoints;
            var centre = used.Average();
            var ranges = used.Zip(used.Skip(1), (a, b) => Math.Abs(b - a)).ToList();
            var meanRange = ranges.Count == 0 ? 0 : ranges.Average();
            if (options.ScreenOutliers && ranges.Count > 0)
            {
                var kept = ranges.Where(r => r < ScreenFactor * meanRange).ToList();
                meanRange = kept.Count == 0 ? meanRange : kept.Average();
            }

            foreach (var i in indices)
            {
                (mean[i], amr[i]) = (centre, meanRange);
            }
        }

        var side = new int[n];
        var outside = new bool[n];
        var near = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var (upper, lower) = (mean[i] + (LimitFactor * amr[i]), mean[i] - (LimitFactor * amr[i]));
            side[i] = OnTheMean(values[i], mean[i]) ? 0 : Math.Sign(values[i] - mean[i]);
            outside[i] = values[i] > upper || values[i] < lower;
            near[i] =
                !outside[i]
                && (values[i] > mean[i] + (NearFactor * amr[i]) || values[i] < mean[i] - (NearFactor * amr[i]));
        }

        var trend = Trends(values, baseline, options.TrendLength);
        var twoOfThree = TwoOfThree(near, side, baseline);
        var shift = Shifts(side, baseline, options.ShiftLength);
        var improvement = polarity switch
        {
            Polarity.HigherIsBetter => 1,
            Polarity.LowerIsBetter => -1,
            _ => 0,
        };

        var points = new SpcPoint[n];
        for (var i = 0; i < n; i++)
        {
            var (rule, direction) =
                outside[i] ? (SpcRule.OutsideLimits, side[i])
                : trend[i] != 0 ? (SpcRule.Trend, trend[i])
                : twoOfThree[i] ? (SpcRule.TwoOfThree, side[i])
                : shift[i] ? (SpcRule.Shift, side[i])
                : (SpcRule.None, 0);
            var variation =
                rule == SpcRule.None || direction == 0 ? SpcVariation.CommonCause
                : improvement == 0 ? (direction > 0 ? SpcVariation.NeutralHigh : SpcVariation.NeutralLow)
                : direction == improvement ? SpcVariation.Improvement
                : SpcVariation.Concern;
            points[i] = new SpcPoint(
                values[i],
                mean[i],
                mean[i] - (LimitFactor * amr[i]),
                mean[i] + (LimitFactor * amr[i]),
                mean[i] - (NearFactor * amr[i]),
                mean[i] + (NearFactor * amr[i]),
                rule == SpcRule.None || direction == 0 ? SpcRule.None : rule,
                variation,
                baseline[i]
            );
        }

        return new SpcChart(points, Assurance(points, improvement, target), trial);
    }

    /// <summary>A point on the mean, to within the rounding of working it out (5 against a mean of
    /// 4.999999999999999).</summary>
    private static bool OnTheMean(double value, double mean) =>
        Math.Abs(value - mean) <= 1e-9 * Math.Max(1, Math.Abs(mean));

    /// <summary>Target against the last point's limits, by the polarity (+1 higher is better, −1 lower); none
    /// without either.</summary>
    private static SpcAssurance? Assurance(SpcPoint[] points, int improvement, double? target)
    {
        if (target is not { } t || improvement == 0 || points.Length == 0)
        {
            return null;
        }

        var last = points[^1];
        return t > last.UpperLimit ? (improvement > 0 ? SpcAssurance.ConsistentFail : SpcAssurance.ConsistentPass)
            : t < last.LowerLimit ? (improvement > 0 ? SpcAssurance.ConsistentPass : SpcAssurance.ConsistentFail)
            : SpcAssurance.HitAndMiss;
    }

    /// <summary>For each point in a run of <paramref name="length"/> or more points within one baseline, each
    /// strictly higher (+1) or lower (−1) than the one before, the run's direction; a tie breaks a run. A point where
    /// a falling run meets a rising one takes the later run's direction.</summary>
    private static int[] Trends(IReadOnlyList<double> values, int[] baseline, int length)
    {
        var trend = new int[values.Count];
        foreach (var direction in new[] { -1, 1 })
        {
            var start = 0;
            for (var i = 1; i <= values.Count; i++)
            {
                var continues =
                    i < values.Count
                    && baseline[i] == baseline[i - 1]
                    && Math.Sign(values[i] - values[i - 1]) == direction;
                if (continues)
                {
                    continue;
                }

                if (i - start >= length)
                {
                    // A run's last point may be the next run's first: that one says its direction.
                    for (var k = start; k < i; k++)
                    {
                        trend[k] = k == i - 1 && trend[k] != 0 ? trend[k] : direction;
                    }
                }

                start = i;
            }
        }

        return trend;
    }

    /// <summary>Points near a limit that, with two others beside them, make two (or three) of three consecutive
    /// points near a limit, all three on the same side of the mean, within one baseline.</summary>
    private static bool[] TwoOfThree(bool[] near, int[] side, int[] baseline)
    {
        var flagged = new bool[near.Length];
        for (var start = 0; start + 2 < near.Length; start++)
        {
            var window = Enumerable.Range(start, 3).ToList();
            if (
                baseline[start] == baseline[start + 2]
                && window.Count(i => near[i]) >= 2
                && Math.Abs(window.Sum(i => side[i])) == 3
            )
            {
                foreach (var i in window.Where(i => near[i]))
                {
                    flagged[i] = true;
                }
            }
        }

        return flagged;
    }

    /// <summary>Points in a run of <paramref name="length"/> or more consecutive points on the same side of the mean
    /// within one baseline; a point on the mean breaks a run.</summary>
    private static bool[] Shifts(int[] side, int[] baseline, int length)
    {
        var flagged = new bool[side.Length];
        var start = 0;
        for (var i = 1; i <= side.Length; i++)
        {
            if (i < side.Length && baseline[i] == baseline[i - 1] && side[i] != 0 && side[i] == side[i - 1])
            {
                continue;
            }

            if (side[start] != 0 && i - start >= length)
            {
                for (var k = start; k < i; k++)
                {
                    flagged[k] = true;
                }
            }

            start = i;
        }

        return flagged;
    }
}
