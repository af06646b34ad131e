using Outturn.Domain.Values;

namespace Outturn.Domain.Rating;

/// <summary>
/// How an organisation (or one measure) rates figures. Every scheme councils use is a setting of this record:
/// two-state (zero amber tolerance, no blue), RAG with a relative or absolute amber band, BRAG with a blue margin.
/// </summary>
public sealed record RatingScheme
{
    /// <summary>Worse than target by up to this much is amber; zero gives a two-state scheme.</summary>
    public Tolerance AmberTolerance { get; init; } = Tolerance.Relative(5);

    /// <summary>Better than target by more than this is blue; null means the scheme has no blue.</summary>
    public Tolerance? BlueMargin { get; init; }

    /// <summary>What a measure with a target but no figure is rated: <see cref="Rag.NoData"/> or <see
    /// cref="Rag.Amber"/>.</summary>
    public Rag MissingRating { get; init; } = Rag.NoData;

    /// <summary>A change no larger than this counts as "same" in direction of travel.</summary>
    public Tolerance DirectionTolerance { get; init; } = Tolerance.Zero;

    /// <summary>How far back, in months before the start of the latest figure's period, a measure's previous figure may
    /// lie when the period just before has none; null for the defaults: 12 for monthly measures, 24 for
    /// others.</summary>
    public int? PreviousLookBackMonths { get; init; }

    /// <summary>The look-back for a measure of <paramref name="frequency"/>.</summary>
    public int LookBackMonths(Framework.Frequency frequency) =>
        PreviousLookBackMonths ?? (frequency == Framework.Frequency.Monthly ? 12 : 24);

    /// <summary>How directions of travel are worked out, unless a measure says otherwise.</summary>
    public Framework.DirectionMethod DirectionMethod { get; init; } = Framework.DirectionMethod.TwoPoint;

    /// <summary>How directions of travel are shown, unless a measure says otherwise.</summary>
    public Framework.DirectionStyle DirectionStyle { get; init; } = Framework.DirectionStyle.Judged;

    /// <summary>How action statuses rate; statuses not listed are not rated (left out of the percentages).</summary>
    public IReadOnlyDictionary<ActionStatus, Rag> ActionRatings { get; init; } = DefaultActionRatings;

    public static readonly IReadOnlyDictionary<ActionStatus, Rag> DefaultActionRatings = new Dictionary<
        ActionStatus,
        Rag
    >
    {
        [ActionStatus.Completed] = Rag.Green,
        [ActionStatus.OnTrack] = Rag.Green,
        [ActionStatus.SomeSlippage] = Rag.Amber,
        [ActionStatus.MajorSlippage] = Rag.Red,
    };

    public static readonly RatingScheme Default = new();

    /// <summary>This scheme with a measure's own amber tolerance and blue margin, where it has them.</summary>
    public RatingScheme For(MeasureProfile measure) =>
        measure.AmberTolerance is null && measure.BlueMargin is null
            ? this
            : this with
            {
                AmberTolerance = measure.AmberTolerance ?? AmberTolerance,
                BlueMargin = measure.BlueMargin is { } blue ? (blue.IsZero ? null : blue) : BlueMargin,
            };
}
