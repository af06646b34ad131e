namespace Outturn.Data.Interchange;

/// <summary>
/// Reads the plain decimals national files are made of ("65.2", "-3", "17152") into the double
/// <see cref="double.Parse(string, IFormatProvider)"/> gives, at a fraction of its cost: four million rows carry
/// twelve million of them. Up to 15 digits with at most one decimal point are exact as a whole number, and so is the
/// power of ten that places the point, so that one division, which rounds correctly, gives the nearest double (W. D.
/// Clinger, "How to read floating point numbers accurately", PLDI 1990, the fast path). Any other text (more digits,
/// an exponent, a thousands separator, spaces) is left to the caller's full parse.
/// </summary>
internal static class PlainDouble
{
    private const int MaxDigits = 15;

    private static readonly double[] Powers =
    [
        1e0,
        1e1,
        1e2,
        1e3,
        1e4,
        1e5,
        1e6,
        1e7,
        1e8,
        1e9,
        1e10,
        1e11,
        1e12,
        1e13,
        1e14,
        1e15,
    ];

    /// <summary>The text's value when it is an optional minus sign, then digits, then optionally a point and more
    /// digits, 15 digits at most; false for anything else, which may still be a number.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        var i = negative ? 1 : 0;
        long whole = 0;
        var (digits, decimals, point) = (0, 0, false);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - '0') <= 9)
            {
                if (++digits > MaxDigits)
                {
                    return false;
                }

                whole = (whole * 10) + (c - '0');
                decimals += point ? 1 : 0;
            }
            else if (c == '.' && !point && digits > 0)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || (point && decimals == 0))
        {
            return false;
        }

        value = whole / Powers[decimals];
        value = negative ? -value : value;
        return true;
    }
}
