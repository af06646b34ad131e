namespace Outturn.Domain.Values;

public enum TargetKind
{
    Number,
    NoTarget,
    ToBeConfirmed,
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

    public static readonly Target None = new(TargetKind.NoTarget, 0);
    public static readonly Target ToBeConfirmed = new(TargetKind.ToBeConfirmed, 0);

    public bool HasNumber => Kind == TargetKind.Number;

    public override string ToString() =>
        Kind switch
        {
            TargetKind.Number => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TargetKind.NoTarget => "none",
            _ => "tbc",
        };
}
