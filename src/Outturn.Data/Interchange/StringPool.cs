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

        var slot = (int)(Hash(text) & (uint)(_slots.Length - 1));
        if (_slots[slot] is { } pooled && text.SequenceEqual(pooled))
        {
            return pooled;
        }

        return _slots[slot] = text.ToString();
    }

    /// <summary>A cheap hash of a short text (FNV-1a over its characters). A pool's slot only chooses where a text is
    /// looked for, so a hash that can be made to collide costs a miss, never a wrong string or a longer search; the
    /// randomised hash of <see cref="string.GetHashCode(ReadOnlySpan{char})"/> guards tables that chain, and cost a
    /// third of the reading's time here.</summary>
    private static uint Hash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash ^ (hash >> 15);
    }
}
