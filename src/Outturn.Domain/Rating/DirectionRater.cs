using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>Direction of travel of a figure against an earlier one, minding polarity.</summary>
public static class DirectionRater
{
    /// <summary>
    /// Improving, same (within the scheme's direction tolerance of the earlier figure) or deteriorating;
    /// increasing or decreasing when the measure has no polarity; new when there is nothing to compare with.
    /// Null when the item has no current figure, so there is no direction to state.
    /// </summary>
    public static Direction? Compare(
        MeasureProfile item,
        RatingScheme scheme,
        OutturnValue current,
        OutturnValue earlier
    )
    {
        if (item.Kind == ItemKind.Action || !current.IsNumber)
        {
            return null;
        }

        if (!earlier.IsNumber)
        {
            return Direction.New;
        }

        var change = current.Number - earlier.Number;
        if (Math.Abs(change) <= scheme.DirectionTolerance.WidthAround(earlier.Number))
        {
            return Direction.Same;
        }

        return item.Polarity switch
        {
            Polarity.HigherIsBetter => change > 0 ? Direction.Improving : Direction.Deteriorating,
            Polarity.LowerIsBetter => change < 0 ? Direction.Improving : Direction.Deteriorating,
            _ => change > 0 ? Direction.Increasing : Direction.Decreasing,
        };
    }

    /// <summary>
    /// Direction of travel by statistical process control (Making Data Count): improving only when the latest point
    /// of <paramref name="chart"/> is a special cause of improvement, deteriorating only on a special cause of
    /// concern, increasing or decreasing on a special cause of a measure with no polarity, and otherwise no
    /// significant change. Null — compare two-point instead — when there is no chart, when its limits are only trial
    /// limits (fewer than <see cref="Statistics.Spc.MinimumPoints"/> figures), or when its last point is not
    /// <paramref name="at"/>.
    /// </summary>
    public static Direction? BySpc(Statistics.MeasureSpcChart? chart, Periods.Period at) =>
        chart is null || chart.Chart.TrialLimits || chart.Periods.Count == 0 || chart.Periods[^1] != at
            ? null
            : chart.Chart.Variation switch
            {
                Statistics.SpcVariation.Improvement => Direction.Improving,
                Statistics.SpcVariation.Concern => Direction.Deteriorating,
                Statistics.SpcVariation.NeutralHigh => Direction.Increasing,
                Statistics.SpcVariation.NeutralLow => Direction.Decreasing,
                _ => Direction.NoSignificantChange,
            };

    /// <summary>
    /// The direction as the organisation or measure shows it (<see cref="DirectionStyle"/>): judged is the direction
    /// of travel itself; raw is up, down or the same as the earlier figure, whatever the polarity (increasing and
    /// decreasing); none shows nothing. A manual direction is shown as given in every style but none.
    /// </summary>
    public static Direction? AsShown(
        MeasureProfile item,
        RatingScheme scheme,
        Direction? judged,
        OutturnValue current,
        OutturnValue earlier,
        Direction? manual
    )
    {
        var style = item.DirectionStyle ?? scheme.DirectionStyle;
        if (style == DirectionStyle.None)
        {
            return null;
        }

        if (manual is not null || style == DirectionStyle.Judged)
        {
            return manual ?? judged;
        }

        return Compare(item with { Polarity = Polarity.None }, scheme, current, earlier);
    }
}
