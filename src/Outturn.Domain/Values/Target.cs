namespace Outturn.Domain.Values;

public enum TargetKind { Number, NoTarget, ToBeConfirmed }

/// <summary>A measure's target for a period: a number, deliberately none, or still to be confirmed.</summary>
public readonly record struct Target
{
    public TargetKind Kind { get; }
    public decimal Value { get; }

    private Target(TargetKind kind, decimal value) => (Kind, Value) = (kind, value);

    public static Target Of(decimal value) => new(TargetKind.Number, value);
    public static readonly Target None = new(TargetKind.NoTarget, 0);
    public static readonly Target ToBeConfirmed = new(TargetKind.ToBeConfirmed, 0);

    public bool HasNumber => Kind == TargetKind.Number;

    public override string ToString() => Kind switch
    {
        TargetKind.Number => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TargetKind.NoTarget => "none",
        _ => "tbc",
    };
}
