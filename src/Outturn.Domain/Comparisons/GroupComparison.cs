using Outturn.Domain.Framework;

namespace Outturn.Domain.Comparisons;

/// <summary>What a national metric's figures are, for working out intervals: a percentage (Wilson's interval
/// × 100), a rate per N (Byar's or the exact Poisson interval × N), or any other figure (no interval unless
/// published).</summary>
public enum MetricShape
{
    Other,
    Percentage,
    Rate,
}

/// <summary>A national metric as the comparison needs it: what its figures are and which way is better.</summary>
/// <param name="RatePer">The N of a rate per N (100,000); unused for other shapes.</param>
public sealed record MetricTerms(MetricShape Shape, double RatePer, Polarity Polarity)
{
    /// <summary>A stored metric's terms: a unit of % (or percent, percentage) is a percentage, a metric with a rate
    /// per N is a rate; polarity <c>higher</c>, <c>lower</c> or anything else for none.</summary>
    public static MetricTerms Of(string? unit, double? ratePer, string polarity)
    {
        var u = (unit ?? "").Trim().ToLowerInvariant();
        var shape =
            u is "%" or "percent" or "percentage" or "per cent" ? MetricShape.Percentage
            : ratePer is > 0 ? MetricShape.Rate
            : MetricShape.Other;
        var p = polarity switch
        {
            "higher" => Polarity.HigherIsBetter,
            "lower" => Polarity.LowerIsBetter,
            _ => Polarity.None,
        };
        return new MetricTerms(shape, ratePer ?? 1, p);
    }

    /// <summary>A measure's own terms: a percentage, a rate per its N (per 1,000 when it names none), or any other
    /// figure.</summary>
    public static MetricTerms Of(Rating.MeasureProfile measure) =>
        new(
            measure.Unit switch
            {
                Unit.Percentage => MetricShape.Percentage,
                Unit.Rate => MetricShape.Rate,
                _ => MetricShape.Other,
            },
            measure.RatePer ?? 1000,
            measure.Polarity
        );

    /// <summary>The interval at <paramref name="level"/> worked out from a count and a denominator, or null when the
    /// metric's shape has no method or the figures are missing.</summary>
    public ConfidenceInterval? IntervalFrom(double? count, double? denominator, ConfidenceLevel level)
    {
        if (count is not { } c || denominator is not { } d || c < 0 || d <= 0)
        {
            return null;
        }

        return Shape switch
        {
            MetricShape.Percentage when c <= d => ConfidenceIntervals.Wilson(c, d, level, 100),
            MetricShape.Rate => ConfidenceIntervals.Rate(c, d, level, RatePer),
            _ => null,
        };
    }
}

/// <summary>One area's figure for a metric and period, with what was published beside it.</summary>
public sealed record AreaFigure(
    AreaCode Area,
    double? Value,
    double? Count = null,
    double? Denominator = null,
    ConfidenceInterval? Ci95 = null,
    ConfidenceInterval? Ci998 = null
);

/// <summary>Where one figure stands against another, the way Fingertips decides it: the comparator inside the
/// area's interval (ends included) is similar; otherwise better or worse by polarity, or higher or lower for a metric
/// with none; not compared without an interval or a comparator.</summary>
public enum Significance
{
    NotCompared,
    Similar,
    Better,
    Worse,
    Higher,
    Lower,
}

/// <summary>How one area's figure compares with its group, England and its region.</summary>
public sealed record GroupComparison
{
    public required AreaFigure Own { get; init; }

    /// <summary>True when the area's count is below the small-number threshold: its figure is shown as <c>*</c> in
    /// anything public, and it is not ranked.</summary>
    public bool Suppressed { get; init; }

    /// <summary>The 95% interval, as published or worked out from the count and denominator.</summary>
    public ConfidenceInterval? Ci95 { get; init; }
    public ConfidenceInterval? Ci998 { get; init; }

    /// <summary>The areas ranked: members with a figure that is not suppressed, the area itself included.</summary>
    public int GroupSize { get; init; }

    /// <summary>The mean of the other members' figures (the area itself left out, as "the neighbours' average" is
    /// published).</summary>
    public double? GroupAverage { get; init; }
    public double? GroupMedian { get; init; }

    /// <summary>1 is best by polarity (highest first for a metric with none); ties share the best rank.</summary>
    public int? Rank { get; init; }

    /// <summary>True when another member has the same figure, so the rank is shared.</summary>
    public bool Joint { get; init; }

    /// <summary>"8th of 15", "joint 2nd of 16", or null when not ranked.</summary>
    public string? RankText => Rank is { } rank ? $"{Comparison.Ordinal(rank, Joint)} of {GroupSize}" : null;

    /// <summary>⌈4 × rank ÷ size⌉: 1 is the best quarter.</summary>
    public int? Quartile { get; init; }

    /// <summary>(figure − group average) ÷ group average × 100.</summary>
    public double? VariancePercent { get; init; }

    public double? EnglandValue { get; init; }
    public double? RegionValue { get; init; }

    /// <summary>The figure an area needs to be in the group's best quarter: the figure of the member placed
    /// ⌊size ÷ 4⌋ (at least first) when the ranked members are in order, best first.</summary>
    public double? TopQuartileValue { get; init; }

    public Significance VsEngland { get; init; }
    public Significance VsRegion { get; init; }
    public Significance VsGroup { get; init; }

    /// <summary>The same three at 99.8%.</summary>
    public Significance VsEngland998 { get; init; }
    public Significance VsRegion998 { get; init; }
    public Significance VsGroup998 { get; init; }
}

/// <summary>Compares one area's figure with a named group of areas, England and the region: rank, quartile, the
/// group's average and median, variance and significance (docs/comparisons.md).</summary>
public static class Comparison
{
    /// <summary>Counts below this are suppressed unless the organisation sets its own threshold.</summary>
    public const int DefaultSmallNumberThreshold = 5;

    /// <param name="own">The area's own figure.</param>
    /// <param name="group">The group's members' figures; the area itself may be among them or not (it is ranked
    /// either way, once).</param>
    /// <param name="smallNumbers">Counts below this are suppressed and not ranked; 0 suppresses nothing.</param>
    public static GroupComparison Compare(
        MetricTerms terms,
        AreaFigure own,
        IReadOnlyList<AreaFigure> group,
        AreaFigure? england = null,
        AreaFigure? region = null,
        int smallNumbers = DefaultSmallNumberThreshold
    )
    {
        ArgumentOutOfRangeException.ThrowIfNegative(smallNumbers);
        bool Hidden(AreaFigure f) => f.Count is { } c && c < smallNumbers;

        var ci95 = own.Ci95 ?? terms.IntervalFrom(own.Count, own.Denominator, ConfidenceLevel.Ninety5);
        var ci998 = own.Ci998 ?? terms.IntervalFrom(own.Count, own.Denominator, ConfidenceLevel.Ninety9Point8);
        var others = group.Where(f => f.Area != own.Area && f.Value is not null).ToList();
        var otherValues = others.Select(f => f.Value!.Value).ToList();
        double? average = otherValues.Count > 0 ? otherValues.Average() : null;
        double? median = otherValues.Count > 0 ? Median(otherValues) : null;
        var suppressed = Hidden(own);

        var ranked = others.Where(f => !Hidden(f)).Select(f => f.Value!.Value).ToList();
        if (own.Value is { } v && !suppressed)
        {
            ranked.Add(v);
        }

        var best = ranked.OrderBy(x => x, BestFirst(terms.Polarity)).ToList();
        int? rank = null;
        int? quartile = null;
        var joint = false;
        if (own.Value is { } mine && !suppressed)
        {
            rank = 1 + best.Count(x => BestFirst(terms.Polarity).Compare(x, mine) < 0);
            joint = best.Count(x => x == mine) > 1;
            quartile = (int)Math.Ceiling(4.0 * rank.Value / best.Count);
        }

        return new GroupComparison
        {
            Own = own,
            Suppressed = suppressed,
            Ci95 = ci95,
            Ci998 = ci998,
            GroupSize = best.Count,
            GroupAverage = average,
            GroupMedian = median,
            Rank = rank,
            Joint = joint,
            Quartile = quartile,
            VariancePercent = own.Value is { } value && average is { } a && a != 0 ? (value - a) / a * 100 : null,
            EnglandValue = england?.Value,
            RegionValue = region?.Value,
            TopQuartileValue = best.Count > 0 ? best[Math.Max(1, best.Count / 4) - 1] : null,
            VsEngland = Against(ci95, england?.Value, terms.Polarity),
            VsRegion = Against(ci95, region?.Value, terms.Polarity),
            VsGroup = Against(ci95, average, terms.Polarity),
            VsEngland998 = Against(ci998, england?.Value, terms.Polarity),
            VsRegion998 = Against(ci998, region?.Value, terms.Polarity),
            VsGroup998 = Against(ci998, average, terms.Polarity),
        };
    }

    /// <summary>Where a figure with <paramref name="interval"/> stands against <paramref name="comparator"/>.</summary>
    public static Significance Against(ConfidenceInterval? interval, double? comparator, Polarity polarity)
    {
        if (interval is not { } ci || comparator is not { } c)
        {
            return Significance.NotCompared;
        }

        if (ci.Contains(c))
        {
            return Significance.Similar;
        }

        var higher = ci.Lower > c;
        return polarity switch
        {
            Polarity.HigherIsBetter => higher ? Significance.Better : Significance.Worse,
            Polarity.LowerIsBetter => higher ? Significance.Worse : Significance.Better,
            _ => higher ? Significance.Higher : Significance.Lower,
        };
    }

    /// <summary>Orders figures best first: highest first unless lower is better.</summary>
    public static IComparer<double> BestFirst(Polarity polarity) =>
        polarity == Polarity.LowerIsBetter
            ? Comparer<double>.Default
            : Comparer<double>.Create((a, b) => b.CompareTo(a));

    /// <summary>The middle figure, or the mean of the middle two.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of no figures is undefined.", nameof(values));
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>"2nd", "joint 3rd", "11th", "21st".</summary>
    public static string Ordinal(int rank, bool joint = false)
    {
        var suffix = (rank % 100) is 11 or 12 or 13
            ? "th"
            : (rank % 10) switch
            {
                1 => "st",
                2 => "nd",
                3 => "rd",
                _ => "th",
            };
        return (joint ? "joint " : "") + rank.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The code for a significance in CSV and JSON: <c>better</c>, <c>similar</c>,
    /// <c>not_compared</c>.</summary>
    public static string Code(this Significance significance) => significance.Word().Replace(' ', '_');

    /// <summary>The words for a significance: "better", "similar", "not compared".</summary>
    public static string Word(this Significance significance) =>
        significance switch
        {
            Significance.NotCompared => "not compared",
            _ => significance.ToString().ToLowerInvariant(),
        };
}

/// <summary>A measure's comparison as a report prints it: the group it was compared with, the period of the national
/// figures, and the result.</summary>
public sealed record ComparedWith(string? Group, Periods.Period Period, GroupComparison Result)
{
    /// <summary>The group's areas with their figures, for a chart of the group (the organisation's own among
    /// them).</summary>
    public IReadOnlyList<ComparedArea> Members { get; init; } = [];

    /// <summary>Counts below this are suppressed: not drawn, not ranked.</summary>
    public int SmallNumbers { get; init; } = Comparison.DefaultSmallNumberThreshold;

    /// <summary>Fingertips' recent-trend test of the council's own last five national figures to the period, where
    /// it was worked out.</summary>
    public Statistics.RecentTrend? Trend { get; init; }

    /// <summary>"8th of 15 (CIPFA nearest neighbours, 2016/17); average 19.7, 5.4% lower; England 17.6, similar",
    /// each figure written by <paramref name="format"/>; a suppressed figure says so.</summary>
    public string Words(Func<double, string> format)
    {
        var r = Result;
        var where = $"{Group ?? "England"}, {Period}";
        if (r.Suppressed)
        {
            return $"* small number, not ranked ({where})";
        }

        var parts = new List<string> { $"{r.RankText ?? "Not ranked"} ({where})" };
        if (r.GroupAverage is { } average)
        {
            var variance = r.VariancePercent is { } v
                ? ", "
                    + Math.Abs(v).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                    + (v >= 0 ? "% higher" : "% lower")
                : "";
            parts.Add($"average {format(average)}{variance}");
        }

        if (r.EnglandValue is { } england)
        {
            parts.Add($"England {format(england)}, {r.VsEngland.Word()}");
        }

        return string.Join("; ", parts);
    }
}

/// <summary>An area of a comparator group by its name, with its figure.</summary>
public sealed record ComparedArea(string Name, AreaFigure Figure);
