namespace Outturn.Domain.Values;

public enum TargetKind
{
    Number,
    NoTarget,
    ToBeConfirmed,

    /// <summary>Set by comparison: England's figure, the region's, the statistical neighbours' average or the
    /// group's top quartile for the same period (<see cref="Target.Comparator"/>), not yet resolved to a
    /// number.</summary>
    Comparator,
}

/// <summary>What a target set by comparison is: the same period's figure for England, the region, the statistical
/// neighbours' average, or what it takes to be in the comparator group's best quarter.</summary>
public enum ComparatorTarget
{
    England,
    Region,
    Neighbours,
    TopQuartile,
}

/// <summary>A measure's target for a period: a number, deliberately none, or still to be confirmed; a number may carry
/// the words it was set in ("33 (per month)", "£125k"), which reports print.</summary>
public readonly record struct Target
{
    public TargetKind Kind { get; }
    public decimal Value { get; }

    /// <summary>The target as written, where that says more than the number.</summary>
    public string? Text { get; }

    private Target(TargetKind kind, decimal value, string? text = null) => (Kind, Value, Text) = (kind, value, text);

    public static Target Of(decimal value) => new(TargetKind.Number, value);

    public static Target Of(decimal value, string? text) =>
        new(TargetKind.Number, value, string.IsNullOrWhiteSpace(text) ? null : text.Trim());

    /// <summary>The part of an annual target due by a period's end: <paramref name="share"/> (a fraction) of
    /// <paramref name="annual"/>'s number (<see cref="TargetProfile"/>).</summary>
    /// <remarks>Rounded to ten places and written with no trailing zeros, so that 4/12 of 1,200 is 400, not
    /// 399.99…96.</remarks>
    public static Target ProfiledFrom(Target annual, decimal share) =>
        new(TargetKind.Number, Math.Round(annual.Value * share, 10) / 1.0000000000000000000000000000m)
        {
            Annual = annual.Value,
            Share = share,
        };

    /// <summary>The annual target this one was profiled from, or null for a target set for its own period.</summary>
    public decimal? Annual { get; private init; }

    /// <summary>The fraction of <see cref="Annual"/> this target is.</summary>
    public decimal Share { get; private init; }

    /// <summary>A target set by comparison, resolved for each period from that period's comparators.</summary>
    public static Target Compared(ComparatorTarget comparator) =>
        new(TargetKind.Comparator, 0) { Comparator = comparator };

    /// <summary>What the target is compared with: set for a comparator target, and kept on the number it resolves
    /// to.</summary>
    public ComparatorTarget? Comparator { get; private init; }

    /// <summary>The number a comparator target resolved to for a period, still saying what it was.</summary>
    public Target ResolvedTo(decimal value) => new(TargetKind.Number, value) { Comparator = Comparator };

    /// <summary>The code a comparator is written with: <c>england</c>, <c>region</c>, <c>neighbours</c>,
    /// <c>top_quartile</c>.</summary>
    public static string Code(ComparatorTarget comparator) =>
        comparator switch
        {
            ComparatorTarget.England => "england",
            ComparatorTarget.Region => "region",
            ComparatorTarget.Neighbours => "neighbours",
            _ => "top_quartile",
        };

    /// <summary>Reads a comparator's code, loosely (<c>Top quartile</c>, <c>statistical neighbours</c>).</summary>
    public static bool TryParseComparator(string? text, out ComparatorTarget comparator)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace(' ', '_');
        (var ok, comparator) = t switch
        {
            "england" or "national" => (true, ComparatorTarget.England),
            "region" or "regional" => (true, ComparatorTarget.Region),
            "neighbours" or "statistical_neighbours" or "neighbours_average" => (true, ComparatorTarget.Neighbours),
            "top_quartile" => (true, ComparatorTarget.TopQuartile),
            _ => (false, ComparatorTarget.England),
        };
        return ok;
    }

    /// <summary>How the comparator is named in a reason: "England's figure", "the statistical neighbours'
    /// average".</summary>
    public static string Words(ComparatorTarget comparator) =>
        comparator switch
        {
            ComparatorTarget.England => "England's figure",
            ComparatorTarget.Region => "the region's figure",
            ComparatorTarget.Neighbours => "the statistical neighbours' average",
            _ => "the top quartile of the comparator group",
        };

    public static readonly Target None = new(TargetKind.NoTarget, 0);
    public static readonly Target ToBeConfirmed = new(TargetKind.ToBeConfirmed, 0);

    public bool HasNumber => Kind == TargetKind.Number;

    public override string ToString() =>
        Kind switch
        {
            TargetKind.Number => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TargetKind.NoTarget => "none",
            TargetKind.Comparator => Code(Comparator!.Value),
            _ => "tbc",
        };
}
