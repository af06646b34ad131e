using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// A committee report as clerks write them (shared/reference-reports/partnership-plan-progress-report.txt,
/// cabinet-member-progress-report.txt): the header block, then the draft's sections numbered (1, 5.1, 5.1.1) with
/// their paragraphs, bullets, tables, charts of measures and tables from the framework; a layout, where one is
/// chosen, becomes Appendix A and a last section lists the appendices. An empty section prints "None.".
/// </summary>
public static class CoveringReport
{
    /// <summary>What in the draft cannot be printed from <paramref name="items"/>: a chart of a measure not in the
    /// report, a framework table of a priority it has no items of. Each names the section.</summary>
    public static IReadOnlyList<string> Check(CoveringDraft draft, IReadOnlyList<EvaluatedItem> items)
    {
        var problems = new List<string>();
        foreach (var section in draft.Sections)
        {
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case CoveringChart c when !items.Any(i => Same(i.Ref, c.Ref) && i.Kind == ItemKind.Measure):
                        problems.Add($"{section.Heading}: [chart: {c.Ref}] is not a measure of this report");
                        break;
                    case CoveringFramework f when !items.Any(i => Same(i.Priority, f.Priority)):
                        problems.Add(
                            $"{section.Heading}: [framework: {f.Priority}] is not a priority of this report "
                                + $"({string.Join(", ", items.Select(i => i.Priority).OfType<string>().Distinct())})"
                        );
                        break;
                }
            }
        }

        return problems;
    }

    /// <summary>The paper: <paramref name="input"/> gives the figures for charts and framework tables;
    /// <paramref name="appendix"/>, where given, is printed after the sections as Appendix A.</summary>
    public static ReportDocument Build(CoveringDraft draft, string title, ReportInput input, ReportDocument? appendix)
    {
        var numbers = draft.Numbers();
        var tables = 0;
        var flat = draft
            .Sections.Select(
                (s, i) =>
                    (
                        s.Level,
                        Section: new ReportSection(
                            $"{numbers[i]}{(s.Level == 1 ? "." : "")} {s.Heading}",
                            Blocks(s, input, ref tables)
                        )
                    )
            )
            .ToList();
        if (appendix is not null)
        {
            var next = draft.Sections.Count(s => s.Level == 1) + 1;
            flat.Add(
                (
                    1,
                    new ReportSection(
                        $"{next}. Appendices",
                        [new ParagraphBlock($"Appendix A: {appendix.Title}, {appendix.Subtitle}.")]
                    )
                )
            );
        }

        var sections = Nest(flat);
        if (!draft.Header.IsEmpty)
        {
            sections.Insert(
                0,
                new ReportSection(
                    "Report details",
                    [
                        new TableBlock(
                            "Report details",
                            [new ReportColumn("Item"), new ReportColumn("Detail")],
                            [
                                .. draft
                                    .Header.Fields.Where(f => f.Value is not null)
                                    .Select(f => new ReportRow([f.Label, f.Value!])),
                            ]
                        ),
                    ]
                )
                {
                    IsKey = true,
                }
            );
        }

        if (appendix is not null)
        {
            sections.Add(new ReportSection($"Appendix A: {appendix.Title}", [new ParagraphBlock(appendix.Subtitle)]));
            sections.AddRange(appendix.Sections);
        }

        return new ReportDocument(title, draft.Header.Meeting ?? input.Period.Label, sections)
        {
            Provenance = appendix?.Provenance,
            Landscape = appendix?.Landscape ?? false,
        };
    }

    /// <summary>Sub-sections under the section before them, at any depth.</summary>
    private static List<ReportSection> Nest(List<(int Level, ReportSection Section)> flat)
    {
        var at = 0;
        List<ReportSection> Under(int level)
        {
            var list = new List<ReportSection>();
            while (at < flat.Count && flat[at].Level == level)
            {
                var section = flat[at++].Section;
                list.Add(section with { Subsections = Under(level + 1) });
            }

            return list;
        }

        return Under(1);
    }

    private static List<ReportBlock> Blocks(CoveringSection section, ReportInput input, ref int tables)
    {
        var blocks = new List<ReportBlock>();
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case CoveringWords w:
                    blocks.AddRange(
                        CommentaryText
                            .Parse(w.Text)
                            .Select(b =>
                                b.IsList ? (ReportBlock)new ListBlock(b.Lines) : new ParagraphBlock(b.Lines[0])
                            )
                    );
                    break;
                case CoveringTable { Rows.Count: > 0 } t:
                    tables++;
                    var width = t.Rows[0].Count;
                    blocks.Add(
                        new TableBlock(
                            $"Table {tables}",
                            [.. t.Rows[0].Select(h => new ReportColumn(h))],
                            [
                                .. t
                                    .Rows.Skip(1)
                                    .Select(r => new ReportRow([
                                        .. Enumerable
                                            .Range(0, width)
                                            .Select(c => (ReportCell)(c < r.Count ? r[c] : "")),
                                    ])),
                            ]
                        )
                    );
                    break;
                case CoveringChart c
                    when input.Items.FirstOrDefault(i => Same(i.Ref, c.Ref) && i.Kind == ItemKind.Measure) is { } item:
                    blocks.Add(DashboardLayout.Chart(item, input.Scheme, DashboardLayout.ChartPeriods));
                    break;
                case CoveringFramework f:
                    tables++;
                    blocks.Add(Framework(f.Priority, input, tables));
                    break;
            }
        }

        if (section.Level == 1 && blocks.Count == 0)
        {
            blocks.Add(new ParagraphBlock("None."));
        }

        return blocks;
    }

    /// <summary>A priority's activities (its themes), the measures of each with their latest figures, the progress
    /// reported (each action's status, then the officers' commentary) and the activity's RAG: the worst rating of its
    /// rated items, as the reference reports rate an activity by its weakest part.</summary>
    private static TableBlock Framework(string priority, ReportInput input, int number)
    {
        var items = input.Items.Where(i => Same(i.Priority, priority)).ToList();
        var name = items.FirstOrDefault()?.Priority ?? priority;
        return new TableBlock(
            $"Table {number}: {name}",
            [
                new ReportColumn("Activity"),
                new ReportColumn("Performance measurements"),
                new ReportColumn("Progress (highlights only)"),
                new ReportColumn("RAG", ColumnKind.Rating),
            ],
            [
                .. items
                    .GroupBy(i => i.Theme ?? name)
                    .Select(theme =>
                    {
                        var measures = theme.Where(i => i.Kind == ItemKind.Measure).ToList();
                        var actions = theme.Where(i => i.Kind == ItemKind.Action).ToList();
                        var progress = actions
                            .Select(a => $"{a.Title}: {Cells.Outturn(a.Evaluation.Entry, a.Profile).Text}.")
                            .Concat(
                                theme
                                    .Select(i => i.Evaluation.Entry?.Commentary)
                                    .OfType<string>()
                                    .Select(CommentaryText.Plain)
                                    .Distinct()
                            );
                        var worst = theme
                            .Select(i => i.Evaluation.Rating)
                            .Where(r => r.Final is Rag.Red or Rag.Amber or Rag.Green or Rag.Blue)
                            .OrderBy(r =>
                                r.Final switch
                                {
                                    Rag.Red => 0,
                                    Rag.Amber => 1,
                                    Rag.Green => 2,
                                    _ => 3,
                                }
                            )
                            .FirstOrDefault();
                        return new ReportRow([
                            theme.Key,
                            string.Join(
                                "; ",
                                measures.Select(m => $"{m.Title}: {Cells.Outturn(m.Evaluation.Entry, m.Profile).Text}")
                            ),
                            string.Join(" ", progress) is { Length: > 0 } words ? words : "None reported.",
                            worst is null ? new ReportCell("No data") { Rating = Rag.NoData } : Cells.Rating(worst),
                        ]);
                    }),
            ]
        );
    }

    private static bool Same(string? a, string b) =>
        string.Equals(a?.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
