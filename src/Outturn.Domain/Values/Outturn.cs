namespace Outturn.Domain.Values;

public enum OutturnKind
{
    Number,
    Text,
    Missing,
}

/// <summary>
/// What was recorded for an item in a period: a number, a text outturn ("Sign off not yet received"),
/// or a missing value with its reason.
/// </summary>
public readonly record struct OutturnValue
{
    public OutturnKind Kind { get; }
    public decimal Number { get; }

    /// <summary>A text outturn's words; for a figure, how it was entered when that says more than the number.</summary>
    public string? Text { get; }
    public MissingReason? MissingReason { get; }

    private OutturnValue(OutturnKind kind, decimal number, string? text, MissingReason? reason) =>
        (Kind, Number, Text, MissingReason) = (kind, number, text, reason);

    public static OutturnValue Of(decimal number) => new(OutturnKind.Number, number, null, null);

    /// <summary>A figure with the words it was entered as, where those say more than the number ("£2.0m" for
    /// 2,000,000): reports print them as entered.</summary>
    public static OutturnValue Of(decimal number, string? entered) =>
        new(OutturnKind.Number, number, string.IsNullOrWhiteSpace(entered) ? null : entered.Trim(), null);

    public static OutturnValue OfText(string text) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new ArgumentException("A text outturn needs words.", nameof(text))
            : new(OutturnKind.Text, 0, text.Trim(), null);

    public static OutturnValue Missing(MissingReason reason) => new(OutturnKind.Missing, 0, null, reason);

    /// <summary>Nothing recorded: no figure and no stated reason (a row holding only a target).</summary>
    public static readonly OutturnValue NotRecorded = new(OutturnKind.Missing, 0, null, null);

    public bool IsNumber => Kind == OutturnKind.Number;
}

/// <summary>
/// Everything recorded for one item in one period: its value and target, the action status, the manual
/// overrides and the words around them. The domain's view of a stored entry.
/// </summary>
public sealed record PeriodEntry
{
    public required Periods.Period Period { get; init; }
    public OutturnValue Value { get; init; } = OutturnValue.NotRecorded;
    public Target? Target { get; init; }
    public ActionStatus? Status { get; init; }
    public Qualifier? Qualifier { get; init; }
    public decimal? Numerator { get; init; }
    public decimal? Denominator { get; init; }
    public Breakdown? Breakdown { get; init; }
    public string? ValueNote { get; init; }
    public bool NoNewData { get; init; }
    public string? Commentary { get; init; }
    public string? CorrectiveAction { get; init; }
    public Rating.Rag? RagOverride { get; init; }
    public Rating.Direction? DirectionOverride { get; init; }
    public string? OverrideReason { get; init; }

    /// <summary>Comparators for the same period: the England (national) figure, the region's, and the average of the
    /// organisation's statistical neighbours, as published (e.g. LG Inform, Fingertips). Shown beside the figure;
    /// they do not change its rating.</summary>
    public decimal? BenchmarkNational { get; init; }
    public decimal? BenchmarkRegional { get; init; }
    public decimal? BenchmarkNeighbours { get; init; }

    /// <summary>What it takes to be in the comparator group's best quarter for the period, from national data
    /// (<see cref="Comparisons.GroupComparison.TopQuartileValue"/>).</summary>
    public decimal? BenchmarkTopQuartile { get; init; }

    /// <summary>The figure's 95% confidence interval as published with the national data for the organisation's own
    /// area; a measure rated by significance works its own out from <see cref="Numerator"/> and
    /// <see cref="Denominator"/> first (<see cref="Rating.RagRater"/>).</summary>
    public Comparisons.ConfidenceInterval? PublishedInterval { get; init; }

    /// <summary>The entry with a comparator target resolved to that comparator's figure for the period; any other
    /// entry, or one whose comparator has no figure, as it is.</summary>
    public PeriodEntry ResolvingComparator() =>
        ComparatorFigure() is { } figure ? this with { Target = Target!.Value.ResolvedTo(figure) } : this;

    /// <summary>Whether the target is set by comparison (england, region, neighbours, top quartile).</summary>
    public bool HasComparatorTarget => Target is { Kind: TargetKind.Comparator, Comparator: not null };

    /// <summary>The figure a comparator target names, from this entry's comparators; null when the target is not a
    /// comparator or that comparator has no figure.</summary>
    public decimal? ComparatorFigure() =>
        Target is { Kind: TargetKind.Comparator, Comparator: { } c } ? FigureOf(c) : null;

    /// <summary>This entry's figure for <paramref name="comparator"/>, or null when it has none.</summary>
    public decimal? FigureOf(ComparatorTarget comparator) =>
        comparator switch
        {
            ComparatorTarget.England => BenchmarkNational,
            ComparatorTarget.Region => BenchmarkRegional,
            ComparatorTarget.Neighbours => BenchmarkNeighbours,
            _ => BenchmarkTopQuartile,
        };

    /// <summary>A second figure printed in brackets after the first: sessions beside attendance ("804 (52)"). It
    /// changes no rating.</summary>
    public decimal? SecondValue { get; init; }

    /// <summary>A small two-way table printed under the figure's row (the housing register by band and bedroom
    /// need). It changes no rating.</summary>
    public TwoWayTable? Table { get; init; }
}
