namespace Outturn.Domain.Values;

/// <summary>Shortening text to a limit without cutting a character in two: a character outside the Basic
/// Multilingual Plane (an emoji, 𝔘) is two UTF-16 code units, and half of one is not text — XML refuses it, so a Word
/// or Excel file holding it cannot be written.</summary>
public static class TextClip
{
    /// <summary><paramref name="text"/> if it has at most <paramref name="max"/> code units, else its first
    /// <paramref name="max"/> (one fewer where the last would be the first half of a pair).</summary>
    public static string Clip(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (text.Length <= max)
        {
            return text;
        }

        return text[..(max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
