namespace Outturn.Domain.Framework;

/// <summary>An item's reference code, unique within its organisation (e.g. <c>YA&amp;H PM03</c>).
/// Compared without regard to case; stored as written.</summary>
public readonly record struct ItemRef
{
    public const int MaxLength = 64;

    public string Value { get; }

    public ItemRef(string value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxLength)
        {
            throw new ArgumentException($"A reference is 1 to {MaxLength} characters.", nameof(value));
        }

        Value = trimmed;
    }

    public bool Equals(ItemRef other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value ?? "");

    public override string ToString() => Value;
}
