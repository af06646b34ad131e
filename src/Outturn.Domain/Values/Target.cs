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

    /// <summary>A target set by comparison, resolved for each period from that period's comparators; it may carry
    /// the words it was set in ("annual, 3-year rolling period"), which reports print after it.</summary>
    public static Target Compared(ComparatorTarget comparator, string? text = null) =>
        new(TargetKind.Comparator, 0, string.IsNullOrWhiteSpace(text) ? null : text.Trim()) { Comparator = comparator };

    /// <summary>What the target is compared with: set for a comparator target, and kept on the number it resolves
    /// to.</summary>
    public ComparatorTarget? Comparator { get; private init; }

    /// <summary>The number a comparator target resolved to for a period, still saying what it was.</summary>
    public Target ResolvedTo(decimal value) => new(TargetKind.Number, value, Text) { Comparator = Comparator };

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

    private static readonly (string Words, ComparatorTarget Comparator)[] ComparatorNames =
    [
        ("statistical neighbours' average", ComparatorTarget.Neighbours),
        ("statistical neighbours", ComparatorTarget.Neighbours),
        ("neighbours' average", ComparatorTarget.Neighbours),
        ("neighbours average", ComparatorTarget.Neighbours),
        ("neighbours", ComparatorTarget.Neighbours),
        ("top quartile", ComparatorTarget.TopQuartile),
        ("england", ComparatorTarget.England),
        ("national", ComparatorTarget.England),
        ("the region", ComparatorTarget.Region),
        ("regional", ComparatorTarget.Region),
        ("region", ComparatorTarget.Region),
    ];

    /// <summary>Reads a comparator's code, loosely (<c>Top quartile</c>, <c>statistical neighbours</c>).</summary>
    public static bool TryParseComparator(string? text, out ComparatorTarget comparator)
    {
        var ok = TryParseCompared(text, out var target) && target.Text is null;
        comparator = ok ? target.Comparator!.Value : ComparatorTarget.England;
        return ok;
    }

    /// <summary>Reads a target set by comparison as councils write it: a comparator's name or code, perhaps after
    /// "better than" and perhaps followed by words, bracketed or not ("Better than England (Annual 3-year rolling
    /// period)", "top_quartile", "neighbours (three-year average)"). The words are kept without their
    /// brackets.</summary>
    public static bool TryParseCompared(string? text, out Target target)
    {
        target = default;
        var t = (text ?? "").Trim();
        const string better = "better than ";
        if (t.StartsWith(better, StringComparison.OrdinalIgnoreCase))
        {
            t = t[better.Length..].TrimStart();
        }

        var spaced = t.Replace('_', ' ');
        foreach (var (words, comparator) in ComparatorNames)
        {
            if (
                !spaced.StartsWith(words, StringComparison.OrdinalIgnoreCase)
                || (spaced.Length > words.Length && spaced[words.Length] is not (' ' or '(' or ','))
            )
            {
                continue;
            }

            var rest = t[words.Length..].Trim().TrimStart(',').Trim();
            if (IsBracketed(rest))
            {
                rest = rest[1..^1].Trim();
            }

            target = Compared(comparator, rest);
            return true;
        }

        return false;
    }

    /// <summary>Whether the bracket that opens the text is the one that closes it.</summary>
    private static bool IsBracketed(string text)
    {
        if (!text.StartsWith('('))
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch
            {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i == text.Length - 1;
            }
        }

        return false;
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
            TargetKind.Comparator => Code(Comparator!.Value) + (Text is null ? "" : $" ({Text})"),
            _ => "tbc",
        };
}
