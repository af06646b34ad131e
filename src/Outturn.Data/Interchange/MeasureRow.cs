using Outturn.Domain.Framework;
using Outturn.Domain.Values;

namespace Outturn.Data.Interchange;

/// <summary>A validated row of the measures table. Null fields were left empty (or their column is absent).</summary>
public sealed record MeasureRow
{
    public required string Source { get; init; }
    public required int Row { get; init; }
    public required string Ref { get; init; }
    public required string Title { get; init; }
    public ItemKind? Kind { get; init; }
    public string? Priority { get; init; }
    public string? Theme { get; init; }

    /// <summary>The note of the row's theme, printed under its heading; every row of a theme that gives one gives
    /// the same.</summary>
    public string? ThemeNote { get; init; }
    public IReadOnlyList<string>? Committees { get; init; }
    public Unit? Unit { get; init; }
    public string? UnitLabel { get; init; }

    /// <summary>The measure's own deadline rule, overriding the organisation's.</summary>
    public Domain.Cycle.DeadlineRule? Deadline { get; init; }

    /// <summary>The national metric its figures are compared with.</summary>
    public string? BenchmarkMetric { get; init; }
    public int? RatePer { get; init; }
    public int? Decimals { get; init; }
    public Polarity? Polarity { get; init; }
    public Frequency? Frequency { get; init; }
    public Aggregation? Aggregation { get; init; }
    public TargetProfile? TargetProfile { get; init; }
    public string? Owner { get; init; }
    public string? Description { get; init; }
    public string? Tags { get; init; }
    public Tolerance? AmberTolerance { get; init; }
    public Tolerance? BlueMargin { get; init; }
    public DirectionStyle? DirectionStyle { get; init; }
    public DirectionMethod? DirectionMethod { get; init; }
    public int? SpcFixAfter { get; init; }
    public bool? SpcScreen { get; init; }
    public ComparatorTarget? RateBySignificance { get; init; }
    public string? Footnote { get; init; }

    /// <summary>The columns the file has: those absent leave what is stored alone.</summary>
    public required IReadOnlySet<string> Present { get; init; }
}

internal static class MeasureRowParser
{
    private static readonly int[] RateBases = [100, 1000, 10000, 100000];

    /// <summary>The comparator a measure is rated by significance against: england, region or neighbours (the top
    /// quartile is a threshold, not a figure with an interval to be within).</summary>
    private static ComparatorTarget? Significance(CellReader cells)
    {
        const string column = "rate_by_significance";
        var text = cells.Text(column);
        if (text is null)
        {
            return null;
        }

        if (Codes.TryParse<ComparatorTarget>(text, out var against) && against != ComparatorTarget.TopQuartile)
        {
            return against;
        }

        cells.Error(column, text, "england, region or neighbours, or nothing to rate against the target");
        return null;
    }

    public static List<MeasureRow> Parse(RawTable table, Dictionary<string, int> map, List<ImportError> errors)
    {
        var cells = new CellReader(table.Source, map, errors);
        var present = map.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rows = new List<MeasureRow>();
        var seen = new Dictionary<string, int>();
        var themeNotes = new Dictionary<(string, string), (string Note, int Row)>();
        foreach (var raw in table.Rows)
        {
            cells.Start(raw);
            var reference = cells.Required("ref");
            if (reference is { Length: > Domain.Framework.ItemRef.MaxLength })
            {
                cells.Error(
                    "ref",
                    reference,
                    $"a reference of at most {Domain.Framework.ItemRef.MaxLength} characters"
                );
            }
            else if (reference is not null && !seen.TryAdd(Entities.Item.KeyOf(reference), raw.Number))
            {
                cells.Error(
                    "ref",
                    reference,
                    $"each reference once: it is also on row {seen[Entities.Item.KeyOf(reference)]}"
                );
            }

            var title = cells.Required("title");
            var row = new MeasureRow
            {
                Source = table.Source,
                Row = raw.Number,
                Ref = reference ?? "",
                Title = title ?? "",
                Kind = cells.Code<ItemKind>("kind"),
                Priority = cells.Limited("priority", 200),
                Theme = cells.Limited("theme", 200),
                ThemeNote = cells.Limited("theme_note", 1000),
                Committees = cells
                    .Text("committees")
                    ?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Unit = cells.Code<Unit>("unit"),
                UnitLabel = cells.Limited("unit_label", 40),
                RatePer = cells.Integer("rate_per", 1, 1_000_000),
                Decimals = cells.Integer("decimals", 0, 6),
                Polarity = cells.Code<Polarity>("polarity"),
                Frequency = cells.Code<Frequency>("frequency"),
                Aggregation = cells.Code<Aggregation>("aggregation"),
                TargetProfile = cells.TargetProfile("target_profile"),
                Owner = cells.Limited("owner", 200),
                Deadline = cells.Deadline("deadline"),
                Description = cells.Text("description"),
                Tags = cells.Text("tags") is { } tags
                    ? string.Join(
                        ";",
                        tags.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    )
                    : null,
                AmberTolerance = cells.Tolerance("amber_tolerance"),
                BlueMargin = cells.Tolerance("blue_margin"),
                DirectionStyle = cells.Code<DirectionStyle>("direction_style"),
                DirectionMethod = cells.Code<DirectionMethod>("direction_method"),
                SpcFixAfter = cells.Integer("spc_fix_after", Domain.Statistics.MeasureSpc.MinimumFigures, 1000),
                SpcScreen = cells.Flag("spc_screen"),
                RateBySignificance = Significance(cells),
                Footnote = cells.Limited("footnote", 500),
                BenchmarkMetric = cells.Limited("benchmark_metric", 80),
                Present = present,
            };

            if (row.ThemeNote is { } note && row.Priority is { } priority)
            {
                var theme = (priority.ToUpperInvariant(), (row.Theme ?? priority).ToUpperInvariant());
                if (themeNotes.TryGetValue(theme, out var first) && first.Note != note)
                {
                    cells.Error(
                        "theme_note",
                        note,
                        $"the same note as row {first.Row} gives the theme '{row.Theme ?? priority}', or nothing"
                    );
                }
                else
                {
                    themeNotes.TryAdd(theme, (note, raw.Number));
                }
            }
            else if (row.ThemeNote is not null)
            {
                cells.Error("priority", null, "a priority and theme for the theme's note to belong to");
            }

            if (row.Theme is not null && row.Priority is null)
            {
                cells.Error("priority", null, "a priority for the theme to sit under");
            }

            if (row.RatePer is { } per && !RateBases.Contains(per))
            {
                cells.Error("rate_per", cells.Text("rate_per"), $"a rate's base: {string.Join(", ", RateBases)}");
            }
            else if (row.RatePer is not null && row.Unit is not null && row.Unit != Domain.Framework.Unit.Rate)
            {
                cells.Error("rate_per", cells.Text("rate_per"), "no rate base for a measure whose unit is not rate");
            }

            if (row.Unit == Domain.Framework.Unit.Rate && row.RatePer is null)
            {
                cells.Error(
                    "rate_per",
                    null,
                    $"the rate's base ({string.Join(", ", RateBases)}) for a measure whose unit is rate"
                );
            }

            if (cells.ErrorCount == 0)
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
