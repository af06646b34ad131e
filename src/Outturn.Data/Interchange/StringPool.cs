namespace Outturn.Data.Interchange;

/// <summary>
/// Gives the same string for the same short text: a values file repeats its refs, periods, targets, qualifiers and
/// often its figures on row after row, and a million rows would otherwise allocate millions of copies of a few
/// thousand strings. A slot holds the last text that hashed to it, so a pool never grows and never fails; a miss
/// just allocates.
/// </summary>
internal sealed class StringPool
{
    private const int MaxLength = 32;
    private readonly string?[] _slots = new string?[8192];

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        var slot = (int)((uint)string.GetHashCode(text) % (uint)_slots.Length);
        if (_slots[slot] is { } pooled && text.SequenceEqual(pooled))
        {
            return pooled;
        }

        return _slots[slot] = text.ToString();
    }
}
