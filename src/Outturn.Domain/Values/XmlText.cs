using System.Buffers;

namespace Outturn.Domain.Values;

/// <summary>What XML, and so Word and Excel files, cannot carry: C0 control characters other than tab, line feed and
/// carriage return, the non-characters U+FFFE and U+FFFF, and lone surrogates.</summary>
public static class XmlText
{
    public static readonly SearchValues<char> Forbidden = SearchValues.Create([
        .. Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c),
        '\uFFFE',
        '\uFFFF',
    ]);

    /// <summary>The index of the first character XML cannot carry, or -1.</summary>
    public static int FirstForbidden(ReadOnlySpan<char> text)
    {
        // Text of printable characters below the surrogates, nearly all text there is, is looked at once.
        if (!text.ContainsAnyExceptInRange(' ', '\uD7FF'))
        {
            return -1;
        }

        var bad = text.IndexOfAny(Forbidden);
        var surrogate = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate < 0 || (bad >= 0 && bad < surrogate))
        {
            return bad;
        }

        for (var i = surrogate; i < text.Length && (bad < 0 || i < bad); i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return bad;
    }
}
