using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Values;

/// <summary>
/// How a cumulative (year-to-date) measure's annual target is spread over the financial year, so that a month's or a
/// quarter's figure is rated against the part of the target due by then: linear (each month a twelfth: April–July
/// against 4/12), or the council's own shares per month (12 parts) or per quarter (4 parts), as percentages that
/// add up to 100 (<c>10%;10%;5%;…</c>). Canonical text: <c>linear</c>, or the shares as written in that form.
/// </summary>
public sealed class TargetProfile : IEquatable<TargetProfile>
{
    public static readonly TargetProfile Linear = new([]);

    private readonly decimal[] _shares;

    private TargetProfile(decimal[] shares) => _shares = shares;

    /// <summary>Percent of the annual target per month (12) or per quarter (4), from April; empty when
    /// linear.</summary>
    public IReadOnlyList<decimal> Shares => _shares;

    public bool IsLinear => _shares.Length == 0;

    /// <summary>The fraction of the annual target due by the end of <paramref name="period"/>, a period within one
    /// financial year (a month, quarter or half): the months from April to its end, by the profile. A quarterly
    /// profile spreads each quarter's share evenly over its months.</summary>
    public decimal ShareBy(Period period)
    {
        var months = period.EndMonth - period.FinancialYearEnding().StartMonth + 1;
        if (months is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period is not within a financial year.");
        }

        if (IsLinear)
        {
            return months / 12m;
        }

        if (_shares.Length == 12)
        {
            return _shares.Take(months).Sum() / 100m;
        }

        var whole = months / 3;
        var part = months % 3 == 0 ? 0m : _shares[whole] * (months % 3) / 3m;
        return (_shares.Take(whole).Sum() + part) / 100m;
    }

    public override string ToString() =>
        IsLinear
            ? "linear"
            : string.Join(";", _shares.Select(s => s.ToString("0.####", CultureInfo.InvariantCulture) + "%"));

    /// <summary>How much the shares may fall short of or exceed 100% (rounding in a council's spreadsheet).</summary>
    public const decimal SumTolerance = 0.1m;

    public const string Expected =
        "linear, or 12 monthly or 4 quarterly shares of the annual target from April, separated by ; and adding up "
        + "to 100% (such as 10%;10%;5%;5%;5%;10%;10%;10%;5%;10%;10%;10%)";

    /// <summary>Reads <c>linear</c> or the shares; nothing or blank is linear.</summary>
    public static bool TryParse(string? text, out TargetProfile profile, [NotNullWhen(false)] out string? error)
    {
        profile = Linear;
        error = null;
        var t = (text ?? "").Trim();
        if (t.Length == 0 || t.Equals("linear", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = t.Split(';', StringSplitOptions.TrimEntries);
        var shares = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].EndsWith('%') ? parts[i][..^1].TrimEnd() : parts[i];
            if (!decimal.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out shares[i]))
            {
                error = $"share {i + 1}, '{parts[i]}', is not a percentage";
                return false;
            }
        }

        if (shares.Length is not (12 or 4))
        {
            error = $"{shares.Length} shares: expected 12 (one per month) or 4 (one per quarter)";
            return false;
        }

        var sum = shares.Sum();
        if (Math.Abs(sum - 100m) > SumTolerance)
        {
            error = $"the shares add up to {sum.ToString("0.####", CultureInfo.InvariantCulture)}%, not 100%";
            return false;
        }

        profile = new TargetProfile(shares);
        return true;
    }

    public static TargetProfile Parse(string text) =>
        TryParse(text, out var profile, out var error)
            ? profile
            : throw new FormatException($"'{text}' is not a target profile: {error}");

    public bool Equals(TargetProfile? other) => other is not null && _shares.SequenceEqual(other._shares);

    public override bool Equals(object? obj) => Equals(obj as TargetProfile);

    public override int GetHashCode() => _shares.Aggregate(17, (h, s) => HashCode.Combine(h, s));
}
