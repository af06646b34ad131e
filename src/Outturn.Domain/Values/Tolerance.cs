using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Outturn.Domain.Values;

/// <summary>
/// A distance from a reference figure: relative (<c>5%</c> of the reference) or absolute (<c>2pt</c>, in the
/// measure's own unit). Zero means "no band": a two-state scheme has an amber tolerance of zero.
/// </summary>
public readonly record struct Tolerance
{
    public static readonly Tolerance Zero = new(0m, relative: false);

    public decimal Amount { get; }
    public bool IsRelative { get; }

    private Tolerance(decimal amount, bool relative)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A tolerance cannot be negative.");
        }

        Amount = amount;
        IsRelative = relative;
    }

    public static Tolerance Relative(decimal percent) => new(percent, relative: true);

    public static Tolerance Absolute(decimal points) => new(points, relative: false);

    public bool IsZero => Amount == 0;

    /// <summary>The band's width around <paramref name="reference"/>, in the measure's unit.</summary>
    public decimal WidthAround(decimal reference) => IsRelative ? Math.Abs(reference) * Amount / 100m : Amount;

    public override string ToString() =>
        IsZero ? "0" : Amount.ToString("0.############", CultureInfo.InvariantCulture) + (IsRelative ? "%" : "pt");

    /// <summary>Reads <c>5%</c>, <c>2pt</c> or <c>0</c>.</summary>
    public static bool TryParse(string? text, out Tolerance tolerance, [NotNullWhen(false)] out string? error)
    {
        tolerance = Zero;
        error = null;
        var t = (text ?? "").Trim();
        var relative = t.EndsWith('%');
        var absolute = t.EndsWith("pt", StringComparison.OrdinalIgnoreCase);
        var number =
            relative ? t[..^1]
            : absolute ? t[..^2]
            : t;
        if (
            !decimal.TryParse(
                number.Trim(),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var amount
            ) || (!relative && !absolute && amount != 0)
        )
        {
            error = $"'{text}' is not a tolerance: expected a percentage such as 5%, points such as 2pt, or 0";
            return false;
        }

        tolerance =
            amount == 0 ? Zero
            : relative ? Relative(amount)
            : Absolute(amount);
        return true;
    }

    public static Tolerance Parse(string text) =>
        TryParse(text, out var t, out var error) ? t : throw new FormatException(error);
}
