using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Values;

/// <summary>
/// Warnings (not errors) about a figure that may be a slip: a percentage over 100 or below 0; a figure for a period
/// that has not ended; a change from the previous figure more than <see cref="UnusualChange"/> times the usual one
/// (the median of the measure's own period-to-period changes, from at least <see cref="MinimumHistory"/> earlier
/// figures). The person entering it confirms, or corrects it.
/// </summary>
public static class Plausibility
{
    public const int UnusualChange = 5;
    public const int MinimumHistory = 4;

    public static IReadOnlyList<string> Check(
        MeasureProfile measure,
        Period period,
        decimal value,
        IEnumerable<PeriodEntry> history,
        DateOnly today
    )
    {
        var warnings = new List<string>();
        if (measure.Unit == Unit.Percentage && value is > 100 or < 0)
        {
            warnings.Add(
                $"{ValueFormatter.Format(value, measure)} is a percentage {(value > 100 ? "over 100" : "below 0")}."
            );
        }

        if (!period.HasEndedBy(today))
        {
            warnings.Add($"{period.Label} has not ended yet.");
        }

        var earlier = history
            .Where(e => e.Period.Kind == period.Kind && e.Period.EndMonth < period.StartMonth && e.Value.IsNumber)
            .OrderBy(e => e.Period)
            .Select(e => e.Value.Number)
            .ToList();
        if (earlier.Count >= MinimumHistory)
        {
            var changes = earlier.Zip(earlier.Skip(1), (a, b) => Math.Abs(b - a)).Order().ToList();
            var usual =
                changes.Count % 2 == 1
                    ? changes[changes.Count / 2]
                    : (changes[(changes.Count / 2) - 1] + changes[changes.Count / 2]) / 2;
            var change = Math.Abs(value - earlier[^1]);
            if (usual > 0 && change > UnusualChange * usual)
            {
                warnings.Add(
                    $"{ValueFormatter.Format(value, measure)} is a change of "
                        + $"{ValueFormatter.FormatDifference(change, measure)} from "
                        + $"{ValueFormatter.Format(earlier[^1], measure)}, more than {UnusualChange} times the usual "
                        + $"change of {ValueFormatter.FormatDifference(usual, measure)}."
                );
            }
        }

        return warnings;
    }
}
