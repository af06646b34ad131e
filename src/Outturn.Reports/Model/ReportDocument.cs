using Outturn.Domain.Rating;

namespace Outturn.Reports.Model;

/// <summary>
/// A report as a tree of blocks that every writer (HTML, PDF, Word, Excel, CSV) renders in its own way, so that the
/// layouts are written once and every format shows the same figures.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>When and from what it was made, printed in the footer: reports must be reproducible.</summary>
    public string? Provenance { get; init; }

    /// <summary>Printed landscape: for layouts whose tables are too wide for a portrait page.</summary>
    public bool Landscape { get; init; }

    /// <summary>The most columns a table may have to print portrait; a wider one turns the pages.</summary>
    public const int MaxPortraitColumns = 7;

    /// <summary>Whether the pages are turned: the layout says so, or a table has more than
    /// <see cref="MaxPortraitColumns"/> columns.</summary>
    public bool PrintsLandscape =>
        Landscape || Sections.Any(s => Wide(s.Blocks) || s.Subsections.Any(sub => Wide(sub.Blocks)));

    private static bool Wide(IEnumerable<ReportBlock> blocks) =>
        blocks.OfType<TableBlock>().Any(t => t.Columns.Count > MaxPortraitColumns);
}

/// <summary>A titled part of a report (a priority, a committee); sections nest one level (themes).</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportBlock> Blocks)
{
    public IReadOnlyList<ReportSection> Subsections { get; init; } = [];

    /// <summary>A key or summary for the reader (the legend, "At a glance"), not rows of data: CSV leaves it
    /// out.</summary>
    public bool IsKey { get; init; }
}

[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TableBlock), "table")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ChartBlock), "chart")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ListBlock), "list")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ComparisonChartBlock), "comparison_chart")]
public abstract record ReportBlock;

public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A list of bullets.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table. Rows may carry a detail paragraph shown under them (the analysis under a measure).</summary>
public sealed record TableBlock(string Caption, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows)
    : ReportBlock;

/// <summary>One area on a comparison chart: its figure and interval, whether it is the organisation's own, and
/// whether its figure is suppressed (a small count: drawn as nothing, listed as *).</summary>
public sealed record ComparisonBar(string Name, double? Value, double? Lower, double? Upper, bool Own, bool Suppressed);

/// <summary>A measure's comparator group as a chart (<see cref="Writers.ComparisonChart"/>): every area's figure with
/// its 95% interval, best first, the organisation's own marked, England's figure beside them; each figure written in
/// the measure's unit (<see cref="Labels"/>, by the bars' order, then England's).</summary>
public sealed record ComparisonChartBlock(
    string Title,
    string Description,
    IReadOnlyList<ComparisonBar> Bars,
    double? England,
    string Unit
) : ReportBlock
{
    /// <summary>Each bar's figure and interval as the report prints them ("36.2% (33.1% to 39.4%)"), in the bars'
    /// order; "*" for a suppressed figure, "-" for none.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>England's figure as printed.</summary>
    public string? EnglandLabel { get; init; }

    /// <summary>The reference of the measure charted.</summary>
    public string? ItemRef { get; init; }
}

/// <summary>A trend chart of one measure: its figures, target and ratings by period.</summary>
public sealed record ChartBlock(string Title, string Description, IReadOnlyList<ChartPoint> Points, string Unit)
    : ReportBlock
{
    /// <summary>The reference of the item charted.</summary>
    public string? ItemRef { get; init; }
}

/// <summary>What statistical process control makes of a measure (docs/spc.md): the latest point's variation (and
/// whether that point is high, above its mean) and, where there is a target, the assurance; either may be absent (a
/// key shows one at a time).</summary>
public sealed record SpcSignal(
    Domain.Statistics.SpcVariation? Variation,
    Domain.Statistics.SpcAssurance? Assurance,
    bool High = true
);

/// <summary>One period of a chart: the figure, its target and rating, and the England (national) figure where
/// known.</summary>
public sealed record ChartPoint(string Period, decimal? Value, decimal? Target, Rag? Rating, decimal? National = null)
{
    /// <summary>Statistical process control where the chart draws it (docs/spc.md): the point's mean and process
    /// limits, and its signal.</summary>
    public double? Mean { get; init; }
    public double? LowerLimit { get; init; }
    public double? UpperLimit { get; init; }
    public Domain.Statistics.SpcVariation? Signal { get; init; }

    /// <summary>Why the control limits are worked out afresh from this point (<see
    /// cref="Domain.Statistics.SpcRebase"/>): the mean and limits step here, and the chart says why.</summary>
    public string? Rebase { get; init; }

    /// <summary>The first period of a financial year of a year-to-date measure: its lines start again here rather
    /// than fall back from the year before.</summary>
    public bool StartsYear { get; init; }

    /// <summary>Whether a year-to-date measure's year starts again with <paramref name="period"/>, so that its
    /// chart does not join it to the year before.</summary>
    public static bool StartsYearOf(Domain.Rating.MeasureProfile profile, Domain.Periods.Period period) =>
        profile.Aggregation == Domain.Framework.Aggregation.CumulativeYearToDate
        && period.StartMonth == period.FinancialYearEnding().StartMonth;
}

/// <summary>A measure's figures in order, oldest first, drawn as a line in its row (an empty place is a period without
/// a figure).</summary>
public sealed record Sparkline(IReadOnlyList<decimal?> Values)
{
    /// <summary>Each value's statistical process control signal (docs/spc.md), where it was worked out: special-cause
    /// points are drawn as squares, so that a signal is seen by its shape.</summary>
    public IReadOnlyList<Domain.Statistics.SpcVariation>? Signals { get; init; }

    public bool Equals(Sparkline? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Aggregate(0, (h, v) => HashCode.Combine(h, v));
}

public enum ColumnKind
{
    Text,
    Number,
    Rating,
    Direction,
}

public sealed record ReportColumn(string Header, ColumnKind Kind = ColumnKind.Text);

public sealed record ReportRow(IReadOnlyList<ReportCell> Cells)
{
    public string? Detail { get; init; }

    /// <summary>A small table printed under the row, after its detail (the housing register by band and bedroom
    /// need, recorded with the figure).</summary>
    public TableBlock? Table { get; init; }

    /// <summary>The reference of the item the row is about, where it is about one (for links on web pages).</summary>
    public string? ItemRef { get; init; }
}

/// <summary>One cell: its text as printed, and where it is a figure, rating or direction, that too, so that
/// Excel gets numbers and every format can mark ratings without relying on colour.</summary>
public sealed record ReportCell(string Text)
{
    public decimal? Number { get; init; }

    /// <summary>An Excel number format for <see cref="Number"/>: "0", "0.0", "0.0\"%\"", "£#,##0".</summary>
    public string? NumberFormat { get; init; }

    /// <summary>What the cell prints after its figure ("(provisional)", "(February 2017)", "(52)"), so that a
    /// spreadsheet can show it beside the number without making the number text.</summary>
    public string? Suffix { get; init; }
    public Rag? Rating { get; init; }
    public Direction? Direction { get; init; }

    /// <summary>A small trend line drawn in the cell, whose <see cref="Text"/> says the same in words.</summary>
    public Sparkline? Trend { get; init; }

    /// <summary>Statistical process control icons drawn before the cell's words, which say the same
    /// (<see cref="Writers.SpcIcons"/>).</summary>
    public SpcSignal? Spc { get; init; }

    public static implicit operator ReportCell(string text) => new(text);
}
