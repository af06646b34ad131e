using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Statistics;

/// <summary>A measure's XmR chart: the periods of its figures, in order, the chart drawn from them, and the points
/// where its limits were worked out afresh (<see cref="SpcRebase"/>), by index.</summary>
public sealed record MeasureSpcChart(IReadOnlyList<Period> Periods, SpcChart Chart)
{
    public IReadOnlyList<(int Index, SpcRebase Rebase)> Rebases { get; init; } = [];
}

/// <summary>Statistical process control of a measure's own figures: its native periods (months for a monthly
/// measure, quarters for a quarterly one…) up to the end of <c>through</c>, each a number; the target is the latest
/// figure's, as a number. The measure's own settings (limits fixed after N figures, screening) apply unless options are
/// given.</summary>
public static class MeasureSpc
{
    /// <summary>The fewest figures an XmR chart is drawn from (fewer give no moving range to speak of).</summary>
    public const int MinimumFigures = 2;

    public static MeasureSpcChart? Analyse(
        MeasureProfile profile,
        ItemSeries series,
        Period? through = null,
        SpcOptions? options = null
    )
    {
        if (profile.Kind != ItemKind.Measure)
        {
            return null;
        }

        var kind = profile.Frequency.NativePeriodKind();
        var figures = series
            .Entries.Where(e =>
                e.Period.Kind == kind
                && e.Value.IsNumber
                && (through is null || e.Period.EndMonth <= through.Value.EndMonth)
            )
            .ToList();
        if (figures.Count < MinimumFigures)
        {
            return null;
        }

        var target = figures[^1].Target is { HasNumber: true } t ? (double?)t.Value : null;
        var periods = figures.Select(f => f.Period).ToList();
        var rebases = SpcRebase.Starts(periods, profile.SpcRebases);
        options ??= new SpcOptions { FixAfter = profile.SpcFixAfter, ScreenOutliers = profile.SpcScreenOutliers };
        if (rebases.Count > 0)
        {
            options = options with { Rebases = [.. options.Rebases, .. rebases.Select(r => r.Index)] };
        }

        return new MeasureSpcChart(
            periods,
            Spc.Analyse([.. figures.Select(f => (double)f.Value.Number)], profile.Polarity, target, options)
        )
        {
            Rebases = rebases,
        };
    }

    /// <summary>The measure's own ways of working out its limits, in words for a chart's reader; null when it has
    /// none.</summary>
    public static string? Settings(MeasureProfile profile)
    {
        var words = new List<string>();
        if (profile.SpcFixAfter is { } n)
        {
            words.Add(
                $"The mean and limits are worked out from the first {n} figures (of each baseline) and fixed after "
                    + "them."
            );
        }

        if (profile.SpcScreenOutliers)
        {
            words.Add("Moving ranges above 3.267 times their mean are left out of the limits.");
        }

        return words.Count == 0 ? null : string.Join(" ", words);
    }

    /// <summary>The canonical codes, as the CSV, the API and the CLI write them.</summary>
    public static string Code(SpcVariation variation) =>
        variation switch
        {
            SpcVariation.CommonCause => "common_cause",
            SpcVariation.Improvement => "special_cause_improvement",
            SpcVariation.Concern => "special_cause_concern",
            SpcVariation.NeutralHigh => "special_cause_neutral_high",
            _ => "special_cause_neutral_low",
        };

    public static string Code(SpcAssurance assurance) =>
        assurance switch
        {
            SpcAssurance.ConsistentPass => "consistent_pass",
            SpcAssurance.ConsistentFail => "consistent_fail",
            _ => "hit_and_miss",
        };

    public static string Code(SpcRule rule) =>
        rule switch
        {
            SpcRule.OutsideLimits => "outside_limits",
            SpcRule.Trend => "trend",
            SpcRule.TwoOfThree => "two_of_three",
            SpcRule.Shift => "shift",
            _ => "",
        };

    /// <summary>What a variation means, in words for councillors (docs/spc.md).</summary>
    public static string Words(SpcVariation variation) =>
        variation switch
        {
            SpcVariation.CommonCause => "No significant change",
            SpcVariation.Improvement => "Improving (special cause)",
            SpcVariation.Concern => "Getting worse (special cause)",
            SpcVariation.NeutralHigh => "Higher than usual (special cause)",
            _ => "Lower than usual (special cause)",
        };

    public static string Words(SpcAssurance assurance) =>
        assurance switch
        {
            SpcAssurance.ConsistentPass => "Will consistently meet the target",
            SpcAssurance.ConsistentFail => "Will consistently miss the target",
            _ => "Will sometimes meet and sometimes miss the target",
        };
}
