using Outturn.Domain.Framework;
using Outturn.Domain.Rating;

namespace Outturn.Domain.Reporting;

/// <summary>
/// An item as reports and summaries see it: its reference and title, its place in the framework (priority, theme,
/// the committees it is reported to, in their order), its rules, its figures and its evaluation for a period.
/// Nothing here is read from storage; the storage layer builds it.
/// </summary>
public record EvaluatedItem(
    string Ref,
    string Title,
    string? Footnote,
    string? Priority,
    string? Theme,
    IReadOnlyList<string> Committees,
    MeasureProfile Profile,
    Evaluation Evaluation,
    ItemSeries Series
)
{
    public ItemKind Kind => Profile.Kind;

    /// <summary>The note of the item's theme, printed under the theme's heading.</summary>
    public string? ThemeNote { get; init; }

    /// <summary>Who is responsible for it, as the framework names them; printed only by layouts for the
    /// organisation's own people (the exception report).</summary>
    public string? Owner { get; init; }

    /// <summary>How it compares with other councils, when it is linked to a national metric and the organisation has
    /// an area (docs/comparisons.md).</summary>
    public Comparisons.ComparedWith? Compared { get; init; }

    /// <summary>The measure's XmR chart over the figures read for it, to the period evaluated (null for an action or
    /// fewer than two figures): worked out when first asked, then kept with this instance (a copy made with
    /// <c>with</c> is another instance, and works it out again).</summary>
    public Statistics.MeasureSpcChart? Spc() =>
        Charts
            .GetValue(this, static i => new(Statistics.MeasureSpc.Analyse(i.Profile, i.Series, i.Evaluation.Period)))
            .Chart;

    private sealed record SpcBox(Statistics.MeasureSpcChart? Chart);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EvaluatedItem, SpcBox> Charts = [];
}
