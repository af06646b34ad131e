using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Outturn.Domain.Values;

/// <summary>One labelled part of a figure (B&amp;B 128).</summary>
public readonly record struct BreakdownPart(string Label, decimal Value);

/// <summary>
/// A figure's labelled parts, written <c>B&amp;B=128;SMG=57;EC=53</c>. The parts need not add up to the total
/// (reports show overlapping categories). Labels may not contain '=' or ';'.
/// </summary>
public sealed record Breakdown(IReadOnlyList<BreakdownPart> Parts)
{
    public bool Equals(Breakdown? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(0, (h, p) => HashCode.Combine(h, p));

    public override string ToString() =>
        string.Join(";", Parts.Select(p => $"{p.Label}={p.Value.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out Breakdown? breakdown,
        [NotNullWhen(false)] out string? error
    )
    {
        breakdown = null;
        error = null;
        var parts = new List<BreakdownPart>();
        foreach (
            var piece in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        )
        {
            var eq = piece.LastIndexOf('=');
            if (
                eq <= 0
                || !decimal.TryParse(
                    piece.AsSpan(eq + 1).Trim(),
                    NumberStyles.Number,
                    CultureInfo.InvariantCulture,
                    out var value
                )
            )
            {
                error = $"'{piece}' is not label=number";
                return false;
            }

            parts.Add(new BreakdownPart(piece[..eq].Trim(), value));
        }

        if (parts.Count == 0)
        {
            error = "a breakdown needs at least one label=number";
            return false;
        }

        breakdown = new Breakdown(parts);
        return true;
    }
}
