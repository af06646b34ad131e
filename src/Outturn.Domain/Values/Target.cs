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
