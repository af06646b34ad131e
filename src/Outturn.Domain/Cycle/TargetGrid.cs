using Outturn.Domain.Framework;
using Outturn.Domain.Periods;

namespace Outturn.Domain.Cycle;

/// <summary>One cell of a year's targets: the target stored for the period, and the one of the same period a year
/// earlier, offered as a starting point where none is stored.</summary>
public sealed record TargetCell(Period Period, string? Stored, string? CarriedForward)
{
    /// <summary>What the grid shows to begin with: the stored target, else the one carried forward.</summary>
    public string? Starting => Stored ?? CarriedForward;

    /// <summary>Whether the cell shows last year's target rather than one of its own.</summary>
    public bool IsCarriedForward => Stored is null && CarriedForward is not null;
}

/// <summary>
/// A year's targets for a measure, laid out as a grid: the year's own target first, then one for each of the
/// measure's periods within it (12 months, 4 quarters, 2 halves, 3 terms; nothing more for an annual measure). The
/// year is the financial year starting in April of the start year, or for a termly measure the academic year starting
/// in September. A period without a target of its own starts from the same period's target a year earlier.
/// </summary>
public static class TargetGrid
{
    /// <summary>The periods a measure of <paramref name="frequency"/> has targets for in the year starting in
    /// <paramref name="startYear"/>: the year, then its own periods in order.</summary>
    public static IReadOnlyList<Period> PeriodsOf(Frequency frequency, int startYear)
    {
        var year = frequency == Frequency.Termly ? Period.AcademicYear(startYear) : Period.FinancialYear(startYear);
        var kind = frequency.NativePeriodKind();
        return kind == year.Kind ? [year] : [year, .. year.SubPeriods(kind)];
    }

    /// <summary>The cells of a measure's row, from the targets stored for it (this year's and the year
    /// before's).</summary>
    public static IReadOnlyList<TargetCell> Row(
        Frequency frequency,
        int startYear,
        IReadOnlyDictionary<Period, string> targets
    ) =>
        [
            .. PeriodsOf(frequency, startYear)
                .Select(p => new TargetCell(
                    p,
                    targets.GetValueOrDefault(p),
                    targets.GetValueOrDefault(p.SamePeriodLastYear())
                )),
        ];
}
