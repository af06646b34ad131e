using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Summaries;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The annual performance results: a summary by priority (met or exceeded target / on track or completed, and
/// improved compared with last year), the distributions of ratings and directions for three years side by side,
/// then by priority and theme the actions with their status and the measures with last year's actual, this
/// year's outturn, status, year-end target and direction. The numbers are those of `outturn summary`.
/// </summary>
internal static class AnnualLayout
{
    public static ReportDocument Build(ReportInput input)
    {
        IReadOnlyList<(Period Period, IReadOnlyList<EvaluatedItem> Items)> years =
        [
            (input.Period, input.Items),
            .. input.YearsBefore,
        ];
        var (period, items) = (input.Period, input.Items);
        var scheme = input.Scheme;
        var summaries = years
            .Select(y =>
                GroupSummaries.Of(y.Items, y.Period, SummaryGrouping.Priority, DirectionBasis.LongTerm).ToList()
            )
            .ToList();
        var sections = new List<ReportSection>
        {
            new(
                "Summary",
                [
                    SummaryTable(summaries[0], period),
                    Distribution(years, summaries),
                    DistributionChart(years[0].Period, summaries[0].Last().Summary),
                ]
            ),
        };

        foreach (var priority in items.GroupBy(i => i.Priority ?? "Other"))
        {
            sections.Add(
                new ReportSection(priority.Key, [])
                {
                    Subsections =
                    [
                        .. priority
                            .GroupBy(i => i.Theme ?? priority.Key)
                            .Select(theme => new ReportSection(
                                theme.Key,
                                Details(theme.Key, [.. theme], period, scheme)
                            )),
                    ],
                }
            );
        }

        return new ReportDocument($"{input.Organisation}: Annual Performance Results", period.Label, sections);
    }

    private static TableBlock SummaryTable(List<GroupSummary> summaries, Period period) =>
        new(
            $"Summary of performance by priority, {period.Label}",
            [
                new("Priority"),
                new("Met or exceeded target / on track or completed", ColumnKind.Number),
                new("Improved compared with last year (measures only)", ColumnKind.Number),
            ],
            [
                .. summaries.Select(g => new ReportRow([
                    g.Group,
                    new ReportCell(
                        $"{Cells.Percent(g.Summary.MetOrOnTrackPercent)} ({g.Summary.MetOrOnTrack} of "
                            + $"{g.Summary.ItemsRated})"
                    )
                    {
                        Number = g.Summary.MetOrOnTrackPercent,
                        NumberFormat = "0\"%\"",
                    },
                    new ReportCell(
                        $"{Cells.Percent(g.Summary.ImprovedPercent)} ({g.Summary.Improved} of "
                            + $"{g.Summary.MeasuresWithDirection})"
                    )
                    {
                        Number = g.Summary.ImprovedPercent,
                        NumberFormat = "0\"%\"",
                    },
                ])),
            ]
        );

    private static TableBlock Distribution(
        IReadOnlyList<(Period Period, IReadOnlyList<EvaluatedItem> Items)> years,
        List<List<GroupSummary>> summaries
    )
    {
        var all = summaries.Select(s => s.Last().Summary).ToList();
        var columns = new List<ReportColumn> { new("Measures") };
        columns.AddRange(years.Select(y => new ReportColumn(y.Period.Label, ColumnKind.Number)));
        ReportRow Line(
            string label,
            Func<Summary, (int Count, int Percent)> pick,
            Rag? rag = null,
            Direction? direction = null
        ) =>
            new([
                new ReportCell(label) { Rating = rag, Direction = direction },
                .. all.Select(s =>
                    pick(s) is var (c, p) ? new ReportCell($"{c} ({Cells.Percent(p)})") { Number = c } : default!
                ),
            ]);
        return new TableBlock(
            "Ratings and directions of travel of measures, by year",
            columns,
            [
                Line("Blue or green", s => (s.BlueGreen, s.RatingPercents[0]), Rag.Green),
                Line("Amber", s => (s.Amber, s.RatingPercents[1]), Rag.Amber),
                Line("Red", s => (s.Red, s.RatingPercents[2]), Rag.Red),
                Line("Improved", s => (s.Improving, s.DirectionPercents[0]), direction: Direction.Improving),
                Line("Same", s => (s.Same, s.DirectionPercents[1]), direction: Direction.Same),
                Line("Worse", s => (s.Deteriorating, s.DirectionPercents[2]), direction: Direction.Deteriorating),
            ]
        );
    }

    private static ChartBlock DistributionChart(Period period, Summary s) =>
        new(
            $"Ratings of measures, {period.Label}",
            $"Of {s.RatedMeasures} rated measures, {s.BlueGreen} ({s.RatingPercents[0]}%) blue or green, {s.Amber} "
                + $"({s.RatingPercents[1]}%) amber and {s.Red} ({s.RatingPercents[2]}%) red.",
            [
                new("Blue or green", s.BlueGreen, null, Rag.Green),
                new("Amber", s.Amber, null, Rag.Amber),
                new("Red", s.Red, null, Rag.Red),
            ],
            "Bars"
        );

    /// <summary>How many of a measure's own periods its trend chart shows.</summary>
    private const int ChartPeriods = 24;

    private static List<ReportBlock> Details(
        string theme,
        List<EvaluatedItem> items,
        Period period,
        RatingScheme scheme
    )
    {
        var blocks = new List<ReportBlock>();
        var actions = items.Where(i => i.Kind == ItemKind.Action).ToList();
        if (actions.Count > 0)
        {
            blocks.Add(
                new TableBlock(
                    $"{theme}: actions",
                    [new("Action"), new("Status", ColumnKind.Rating)],
                    [
                        .. actions.Select(a => new ReportRow([
                            a.Title,
                            Cells.Outturn(a.Evaluation.Entry, a.Profile) with
                            {
                                Rating = a.Evaluation.Rating.Final,
                            },
                        ])),
                    ]
                )
            );
        }

        var measures = items.Where(i => i.Kind == ItemKind.Measure).ToList();
        if (measures.Count > 0)
        {
            ReportColumn[] columns =
            [
                new("Measure"),
                new($"{period.SamePeriodLastYear().Label} actual", ColumnKind.Number),
                new($"{period.Label} outturn", ColumnKind.Number),
                new("Status", ColumnKind.Rating),
                new("Year-end target", ColumnKind.Number),
                new("Direction of travel", ColumnKind.Direction),
                new("Statistical process control"),
            ];
            blocks.Add(
                new TableBlock(
                    $"{theme}: measures",
                    columns,
                    [
                        .. measures.Select(m => new ReportRow([
                            $"{m.Title} ({m.Ref})",
                            m.Evaluation.LastYear is null
                                ? new ReportCell("-")
                                : Cells.Outturn(m.Evaluation.LastYear, m.Profile),
                            Cells.Outturn(
                                m.Evaluation.Entry,
                                m.Profile,
                                m.Evaluation.IsCarriedForward ? m.Evaluation.Period.Label : null
                            ),
                            Cells.Rating(m.Evaluation.Rating),
                            Cells.Target(m.Evaluation.Target, m.Profile),
                            Cells.Direction(m.Evaluation.ShownLong),
                            Cells.Spc(m),
                        ])
                        {
                            ItemRef = m.Ref,
                        }),
                    ]
                )
            );
            blocks.AddRange(
                measures
                    .Where(m => m.Series.Entries.Any(e => e.Value.IsNumber))
                    .Select(m => DashboardLayout.Chart(m, scheme, ChartPeriods))
            );
        }

        return blocks;
    }
}
