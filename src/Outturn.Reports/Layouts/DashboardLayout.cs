using System.Globalization;
using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Statistics;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The monthly committee performance dashboard (shared/reference-reports/monthly-committee-dashboard.txt):
/// sections by priority and theme; per measure its direction of travel, rating, target, previous and latest
/// figures, each period named, the analysis under it and a trend chart; then the theme's actions.
/// </summary>
internal static class DashboardLayout
{
    public const int ChartPeriods = 13;

    public static ReportDocument Build(ReportInput input)
    {
        var (period, scheme, items) = (input.Period, input.Scheme, input.Items);
        var notes = Footnotes(items);
        var glance = AtAGlance(items, scheme);
        var sections = items
            .GroupBy(i => i.Priority ?? "Other")
            .Select(priority => new ReportSection(priority.Key, [])
            {
                Subsections =
                [
                    .. priority
                        .GroupBy(i => i.Theme ?? priority.Key)
                        .Select(theme => new ReportSection(
                            theme.Key,
                            Theme(theme.Key, [.. theme], period, scheme, notes, input.Charts)
                        )),
                ],
            })
            .ToList();
        sections.Insert(0, glance);
        if (notes.Count > 0)
        {
            sections.Add(new ReportSection("Notes", [.. notes.Select(n => new ParagraphBlock($"{n.Value} {n.Key}"))]));
        }
        return new ReportDocument(
            $"{input.Committee ?? input.Organisation} Performance Dashboard",
            period.Label,
            sections
        );
    }

    /// <summary>The dashboard's first section: how its items did at a glance (ratings counted, % met or on track, %
    /// improved on the figure each is compared with) and a key to only the ratings and directions it shows.</summary>
    private static ReportSection AtAGlance(IReadOnlyList<EvaluatedItem> items, RatingScheme scheme)
    {
        var summary = Domain.Summaries.Summary.Of(
            items.Select(i => new Domain.Summaries.SummaryInput(
                i.Kind,
                i.Evaluation.Rating.Final,
                i.Evaluation.DirectionShort,
                i.Evaluation.DirectionBySpc ? DirectionMethod.Spc : DirectionMethod.TwoPoint
            ))
        );
        var counts = items.GroupBy(i => i.Evaluation.Rating.Final).ToDictionary(g => g.Key, g => g.Count());
        var ratings = new TableBlock(
            "Ratings",
            [new("Rating", ColumnKind.Rating), new("Items", ColumnKind.Number), new("Meaning")],
            [
                .. Legend
                    .RatingsUsed(scheme, counts.Keys)
                    .Select(r => new ReportRow([
                        new ReportCell(r.Word()) { Rating = r },
                        new ReportCell(counts.GetValueOrDefault(r).ToString(CultureInfo.InvariantCulture))
                        {
                            Number = counts.GetValueOrDefault(r),
                            NumberFormat = "0",
                        },
                        Symbols.Meaning(r),
                    ])),
            ]
        );
        var shown = items.Select(i => i.Evaluation.ShownShort).OfType<Direction>().Distinct().Order().ToList();
        List<ReportBlock> blocks =
        [
            new ParagraphBlock(
                $"{summary.MetOrOnTrack} of {summary.ItemsRated} rated items ({summary.MetOrOnTrackPercent}%) met or "
                    + $"exceeded their target or are on track; {summary.Improved} of {summary.MeasuresWithDirection} "
                    + $"measures ({summary.ImprovedPercent}%) "
                    + (
                        summary.DirectionsBySpc == 0 ? "improved on the figure they are compared with."
                        : summary.DirectionsBySpc == summary.MeasuresWithDirection
                            ? "improved beyond their usual variation (by statistical process control)."
                        : "improved: beyond their usual variation for the "
                            + $"{summary.DirectionsBySpc} judged by statistical process control, on the figure they "
                            + "are compared with for the rest."
                    )
            ),
            ratings,
        ];
        if (shown.Count > 0)
        {
            blocks.Add(
                new TableBlock(
                    "Direction of travel",
                    [new("Direction", ColumnKind.Direction), new("Meaning")],
                    [
                        .. shown.Select(d => new ReportRow([
                            new ReportCell(Symbols.Word(d)) { Direction = d },
                            Symbols.Meaning(d),
                        ])),
                    ]
                )
            );
        }

        var charts = items.Select(i => i.Spc()?.Chart).OfType<SpcChart>().ToList();
        var signals = charts
            .Select(c => c.Variation)
            .Where(v => v is SpcVariation.Improvement or SpcVariation.Concern)
            .ToList();
        if (charts.Count > 0)
        {
            blocks.Add(
                Legend.Spc(
                    charts.Select(c => c.Variation).Distinct().Order(),
                    charts.Select(c => c.Assurance).OfType<SpcAssurance>().Distinct().Order()
                )
            );
        }

        if (items.Any(i => i.Kind == ItemKind.Measure))
        {
            var concerns = signals.Count(v => v == SpcVariation.Concern);
            var improvements = signals.Count - concerns;
            blocks.Add(
                new ParagraphBlock(
                    $"Statistical process control: {Measures(concerns)} a special-cause concern at the latest figure "
                        + $"and {Measures(improvements)} a special-cause improvement; the others show no significant "
                        + "change, or have too few figures."
                )
            );
        }

        return new ReportSection("At a glance", blocks) { IsKey = true };
    }

    private static string Measures(int count) => count == 1 ? "1 measure shows" : $"{count} measures show";

    private static readonly string[] Markers = ["*", "†", "‡", "§", "¶", "**", "††", "‡‡"];

    /// <summary>Each distinct footnote of the measures shown, in the order first met, with its marker; printed once,
    /// at the end of the report.</summary>
    private static Dictionary<string, string> Footnotes(IReadOnlyList<EvaluatedItem> items)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var note in items.Where(i => i.Kind == ItemKind.Measure).Select(i => i.Footnote).OfType<string>())
        {
            if (!notes.ContainsKey(note))
            {
                notes[note] = notes.Count < Markers.Length ? Markers[notes.Count] : $"[{notes.Count + 1}]";
            }
        }

        return notes;
    }

    private static List<ReportBlock> Theme(
        string theme,
        List<EvaluatedItem> items,
        Period period,
        RatingScheme scheme,
        Dictionary<string, string> notes,
        ChartStyle charts
    )
    {
        var blocks = new List<ReportBlock>();
        if (items.Select(i => i.ThemeNote).FirstOrDefault(n => n is not null) is { } note)
        {
            blocks.Add(new ParagraphBlock(note));
        }

        var measures = items.Where(i => i.Kind == ItemKind.Measure).ToList();
        if (measures.Count > 0)
        {
            // A column names its period when every row shares it, as the councils' papers do; otherwise each cell names
            // its own.
            var latest = Shared(measures.Select(m => m.Evaluation.Period), period);
            var previous = Shared(
                measures.Where(m => m.Evaluation.Previous is not null).Select(m => m.Evaluation.PreviousPeriod),
                (latest ?? period).Previous()
            );
            ReportColumn[] columns =
            [
                new("Measure"),
                new("Direction of travel", ColumnKind.Direction),
                new("RAG", ColumnKind.Rating),
                new("Target", ColumnKind.Number),
                new(previous is { } p ? $"Previous period ({p.Label})" : "Previous figure", ColumnKind.Number),
                new(latest is { } l ? $"Latest period ({l.Label})" : "Latest figure", ColumnKind.Number),
                new("Statistical process control"),
                .. charts == ChartStyle.Inline ? [new ReportColumn("Trend")] : Array.Empty<ReportColumn>(),
            ];
            blocks.Add(
                new TableBlock(
                    $"{theme}: measures",
                    columns,
                    [
                        .. measures.Select(m =>
                            Row(m, latest, previous, notes) is var row && charts == ChartStyle.Inline
                                ? row with
                                {
                                    Cells = [.. row.Cells, Trend(m, scheme)],
                                }
                                : row
                        ),
                    ]
                )
            );
            if (charts == ChartStyle.Full)
            {
                blocks.AddRange(
                    measures
                        .Where(m => m.Series.Entries.Any(e => e.Value.IsNumber))
                        .Select(m => Chart(m, scheme, ChartPeriods))
                );
            }
        }

        var actions = items.Where(i => i.Kind == ItemKind.Action).ToList();
        if (actions.Count > 0)
        {
            ReportColumn[] columns = [new("Action"), new("Status"), new("RAG", ColumnKind.Rating)];
            blocks.Add(
                new TableBlock(
                    $"{theme}: actions",
                    columns,
                    [
                        .. actions.Select(a => new ReportRow([
                            a.Title,
                            Cells.Outturn(a.Evaluation.Entry, a.Profile),
                            Cells.Rating(a.Evaluation.Rating),
                        ])
                        {
                            Detail = Cells.Detail(a.Evaluation.Entry),
                            ItemRef = a.Ref,
                        }),
                    ]
                )
            );
        }

        return blocks;
    }

    /// <summary>The one period all of <paramref name="periods"/> are, or <paramref name="none"/> when there are none;
    /// null when they differ.</summary>
    private static Period? Shared(IEnumerable<Period> periods, Period none)
    {
        var distinct = periods.Distinct().Take(2).ToList();
        return distinct.Count switch
        {
            0 => none,
            1 => distinct[0],
            _ => null,
        };
    }

    private static ReportRow Row(EvaluatedItem m, Period? latest, Period? previous, Dictionary<string, string> notes)
    {
        var marker = m.Footnote is { } note && notes.TryGetValue(note, out var mark) ? mark : "";
        var e = m.Evaluation;
        var latestLabel = e.Period != latest ? e.Period.Label : null;
        var previousLabel = e.PreviousPeriod != previous ? e.PreviousPeriod.Label : null;
        return new ReportRow([
            $"{m.Title}{marker} ({m.Ref})",
            Cells.Direction(e.ShownShort),
            Cells.Rating(e.Rating),
            Cells.Target(e.Target, m.Profile),
            e.Previous is null ? new ReportCell("-") : Cells.Outturn(e.Previous, m.Profile, previousLabel),
            Cells.Outturn(e.Entry, m.Profile, latestLabel),
            Cells.Spc(m),
        ])
        {
            Detail = string.Join(
                "\n\n",
                new[]
                {
                    Cells.Detail(e.Entry) is { } detail ? "Analysis: " + detail : null,
                    m.Compared is null ? null : "Compared with other councils: " + Cells.Compared(m).Text,
                }.OfType<string>()
            )
                is { Length: > 0 } words
                ? words
                : null,
            Table = Cells.Table(e.Entry, m.Title),
            ItemRef = m.Ref,
        };
    }

    /// <summary>The measure's trend in its row: the figures of its chart as a line, and in words (how many, the first
    /// and the last, the lowest and the highest).</summary>
    private static ReportCell Trend(EvaluatedItem m, RatingScheme scheme)
    {
        var points = Chart(m, scheme, ChartPeriods).Points;
        var values = points.Where(p => p.Value is not null).ToList();
        if (values.Count < 2)
        {
            return new ReportCell(values.Count == 0 ? "No figures" : "One figure");
        }

        string F(decimal v) => ValueFormatter.Format(v, m.Profile);
        var (low, high) = (values.Min(p => p.Value!.Value), values.Max(p => p.Value!.Value));
        var words =
            $"{values.Count} figures, {Label(values[0].Period)} {F(values[0].Value!.Value)} to "
            + $"{Label(values[^1].Period)} {F(values[^1].Value!.Value)}; lowest {F(low)}, highest {F(high)}";
        // Statistical process control over every figure read, shown for the points drawn.
        var spc = m.Spc();
        var signals = spc is null
            ? null
            : spc
                .Periods.Select((p, i) => (p.ToString(), spc.Chart.Points[i].Variation))
                .ToDictionary(x => x.Item1, x => x.Variation, StringComparer.Ordinal);
        return new ReportCell(words)
        {
            Trend = new Sparkline([.. points.Select(p => p.Value)])
            {
                Signals = signals is null
                    ? null
                    : [.. points.Select(p => signals.GetValueOrDefault(p.Period, SpcVariation.CommonCause))],
            },
        };
    }

    private static string Label(string period) => Period.TryParse(period, out var p) ? p.Label : period;

    /// <summary>The item's figures in its own periods (months, quarters…) up to the end of the one reported, with
    /// target and rating.</summary>
    public static ChartBlock Chart(EvaluatedItem m, RatingScheme scheme, int count)
    {
        var kind = m.Profile.Frequency.NativePeriodKind();
        var points = m
            .Series.Entries.Where(x => x.Period.Kind == kind && x.Period.EndMonth <= m.Evaluation.Period.EndMonth)
            .TakeLast(count)
            .Select(x => new ChartPoint(
                x.Period.ToString(),
                x.Value.IsNumber ? x.Value.Number : null,
                x.Target is { HasNumber: true } t ? t.Value : null,
                x.Value.IsNumber ? RagRater.Rate(m.Profile, scheme, x).Final : null,
                x.BenchmarkNational
            )
            {
                StartsYear = ChartPoint.StartsYearOf(m.Profile, x.Period),
            })
            .ToList();
        var values = points.Where(p => p.Value is not null).ToList();
        var description =
            values.Count == 0
                ? "No figures."
                : $"{values.Count} figures from {Period.Parse(values[0].Period).Label} "
                    + $"({ValueFormatter.Format(values[0].Value!.Value, m.Profile)}) to "
                    + $"{Period.Parse(values[^1].Period).Label} "
                    + $"({ValueFormatter.Format(values[^1].Value!.Value, m.Profile)})"
                    + (
                        points.LastOrDefault(p => p.Target is not null) is { } t
                            ? $"; latest target {ValueFormatter.Format(t.Target!.Value, m.Profile)}."
                            : "."
                    );
        return new ChartBlock($"Trend: {m.Title}", description, points, m.Profile.Unit.ToString()) { ItemRef = m.Ref };
    }
}
