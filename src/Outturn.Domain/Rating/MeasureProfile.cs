using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>What the rating engine needs to know about an item.</summary>
public sealed record MeasureProfile
{
    public ItemKind Kind { get; init; } = ItemKind.Measure;
    public Polarity Polarity { get; init; } = Polarity.HigherIsBetter;
    public Unit Unit { get; init; } = Unit.Count;
    public int? RatePer { get; init; }

    /// <summary>Words printed after each figure (<c>kg per head</c>, <c>sessions</c>), beside the unit kind.</summary>
    public string? UnitLabel { get; init; }

    /// <summary>How a cumulative measure's annual target is spread over the year; null is linear.</summary>
    public Values.TargetProfile? TargetProfile { get; init; }

    /// <summary>The decimal places every figure is printed with; null prints each as it was entered.</summary>
    public int? Decimals { get; init; }

    /// <summary>The places for worked-out figures (averages, a figure from numerator and denominator) when the
    /// measure fixes none: one for percentages and rates, else none.</summary>
    public int DefaultDecimals => Decimals ?? (Unit is Unit.Percentage or Unit.Rate ? 1 : 0);

    /// <summary>The measure's own way of working out direction, overriding the organisation's.</summary>
    public DirectionMethod? DirectionMethod { get; init; }

    /// <summary>The measure's own way of showing direction, overriding the organisation's.</summary>
    public DirectionStyle? DirectionStyle { get; init; }
    public Frequency Frequency { get; init; } = Frequency.Monthly;
    public Aggregation Aggregation { get; init; } = Aggregation.Snapshot;

    /// <summary>The measure's own amber tolerance, overriding the organisation's.</summary>
    public Tolerance? AmberTolerance { get; init; }

    /// <summary>The measure's own blue margin; zero switches blue off for this measure.</summary>
    public Tolerance? BlueMargin { get; init; }

    /// <summary>Where its statistical process control limits are worked out afresh, and why (a new service model);
    /// <see cref="Statistics.MeasureSpc"/>.</summary>
    public IReadOnlyList<Statistics.SpcRebase> SpcRebases { get; init; } = [];

    /// <summary>Each baseline's mean and limits from its first N figures only, fixed after them (null: from all of
    /// its figures); <see cref="Statistics.SpcOptions.FixAfter"/>.</summary>
    public int? SpcFixAfter { get; init; }

    /// <summary>Moving ranges above 3.267 × their mean left out of the limits;
    /// <see cref="Statistics.SpcOptions.ScreenOutliers"/>.</summary>
    public bool SpcScreenOutliers { get; init; }

    /// <summary>Rated by whether its figure is significantly better or worse than this comparator's (England, the
    /// region or the statistical neighbours' average) rather than against a target: better green, similar amber,
    /// worse red (<see cref="RagRater"/>); null to rate against the target.</summary>
    public ComparatorTarget? RateBySignificance { get; init; }
}
