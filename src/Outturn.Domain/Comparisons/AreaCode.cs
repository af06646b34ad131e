using System.Diagnostics.CodeAnalysis;

namespace Outturn.Domain.Comparisons;

/// <summary>
/// An area's code in the Government Statistical Service's scheme (ONS): a letter for the nation (E England,
/// W Wales, S Scotland, N Northern Ireland, K for Great Britain or the United Kingdom), two digits for the entity
/// (06 unitary authority, 92 country, 12 region…) and six for the area: <c>E06000031</c>. One canonical text form,
/// upper case.
/// </summary>
public readonly record struct AreaCode
{
    /// <summary>England's code.</summary>
    public static readonly AreaCode England = new("E92000001");

    private readonly string? _code;

    private AreaCode(string code) => _code = code;

    /// <summary>The code's entity, its first three characters (<c>E06</c>).</summary>
    public string Entity => ToString()[..3];

    public static AreaCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse(string? text, out AreaCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        error = null;
        var t = (text ?? "").Trim().ToUpperInvariant();
        if (
            t.Length == 9
            && t[0] is 'E' or 'W' or 'S' or 'N' or 'K'
            && t.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false
        )
        {
            code = new AreaCode(t);
            return true;
        }

        error =
            $"'{text}' is not an area code: a GSS code is a letter (E, W, S, N or K) and eight digits, such as "
            + "E06000031.";
        return false;
    }

    public override string ToString() => _code ?? "";
}
