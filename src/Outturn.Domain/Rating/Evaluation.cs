using Outturn.Domain.Periods;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>An item's rating and direction of travel for a period, with what they were worked out from.</summary>
public sealed record Evaluation
{
    /// <summary>The period asked about.</summary>
    public required Period AskedFor { get; init; }

    /// <summary>The period the figure belongs to: the one asked about, or an earlier one when that is the
    /// latest.</summary>
    public required Period Period { get; init; }

    public required PeriodEntry? Entry { get; init; }
    public required RatingResult Rating { get; init; }
    public required PeriodEntry? Previous { get; init; }
    public required PeriodEntry? LastYear { get; init; }
    public required Period PreviousPeriod { get; init; }
    public required Period LastYearPeriod { get; init; }
    public Direction? ComputedShort { get; init; }
    public Direction? ComputedLong { get; init; }

    /// <summary>The short-term direction against the previous figure alone, whatever the method (shown beside a
    /// direction worked out by statistical process control).</summary>
    public Direction? TwoPointShort { get; init; }

    /// <summary>The long-term direction against the same period last year alone, whatever the method.</summary>
    public Direction? TwoPointLong { get; init; }

    /// <summary>How the computed directions were worked out: by statistical process control only when it was asked
    /// for and the measure has figures enough (<see cref="DirectionRater.BySpc"/>).</summary>
    public Framework.DirectionMethod DirectionMethod { get; init; }

    /// <summary>Short-term direction as reported: the manual direction if one is set, else the computed one.</summary>
    public Direction? DirectionShort => Entry?.DirectionOverride ?? ComputedShort;

    /// <summary>Long-term direction as reported: the manual direction if one is set, else the computed one.</summary>
    public Direction? DirectionLong => Entry?.DirectionOverride ?? ComputedLong;

    /// <summary>True when the direction reported was worked out by statistical process control (not given by hand,
    /// not compared two-point).</summary>
    public bool DirectionBySpc => Entry?.DirectionOverride is null && DirectionMethod == Framework.DirectionMethod.Spc;

    /// <summary>Short-term direction as the organisation or measure shows it (<see
    /// cref="DirectionRater.AsShown"/>).</summary>
    public Direction? ShownShort { get; init; }

    /// <summary>Long-term direction as the organisation or measure shows it.</summary>
    public Direction? ShownLong { get; init; }

    public OutturnValue Value => Entry?.Value ?? OutturnValue.NotRecorded;
    public Target? Target => Entry?.Target;

    /// <summary>True when the figure is older than the period asked about.</summary>
    public bool IsCarriedForward => Period != AskedFor;
}
