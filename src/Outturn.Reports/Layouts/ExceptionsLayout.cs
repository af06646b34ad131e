using Outturn.Domain.Framework;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The exception report: every red item, then every amber one, of a committee for a month, each with its owner, its
/// latest figure against its target, and what its owner says (commentary) and does about it (corrective action);
/// an item without either says so, so that the gap is seen. For the organisation's own people: it names owners.
/// </summary>
internal static class ExceptionsLayout
{
    public static ReportDocument Build(ReportInput input)
    {
        var sections = new List<ReportSection>();
        var count = 0;
        foreach (var rag in new[] { Rag.Red, Rag.Amber })
        {
            var items = input.Items.Where(i => i.Evaluation.Rating.Final == rag).ToList();
            count += items.Count;
            var heading = rag == Rag.Red ? "Red (off target)" : "Amber (close to target)";
            if (items.Count == 0)
            {
                sections.Add(
                    new ReportSection(
                        heading,
                        [new ParagraphBlock($"No item is rated {rag.Word().ToLowerInvariant()}.")]
                    )
                );
                continue;
            }

            ReportColumn[] columns =
            [
                new("Item"),
                new("Owner"),
                new("RAG", ColumnKind.Rating),
                new("Target", ColumnKind.Number),
                new("Latest figure", ColumnKind.Number),
                new("Commentary"),
                new("Corrective action"),
            ];
            sections.Add(
                new ReportSection(
                    heading,
                    [new TableBlock($"{heading} ({items.Count})", columns, [.. items.Select(i => Row(i, input))])]
                )
            );
        }

        sections.Insert(
            0,
            new ReportSection(
                "Summary",
                [
                    new ParagraphBlock(
                        $"{count} of {input.Items.Count} items are rated red or amber for {input.Period.Label}: "
                            + $"{input.Items.Count(i => i.Evaluation.Rating.Final == Rag.Red)} red, "
                            + $"{input.Items.Count(i => i.Evaluation.Rating.Final == Rag.Amber)} amber."
                    ),
                ]
            )
            {
                IsKey = true,
            }
        );
        return new ReportDocument(
            $"{input.Committee ?? input.Organisation} Exception Report",
            input.Period.Label,
            sections
        )
        {
            Landscape = true,
        };
    }

    private static ReportRow Row(EvaluatedItem i, ReportInput input)
    {
        var e = i.Evaluation;
        var label = e.Period != input.Period ? e.Period.Label : null;
        return new ReportRow([
            $"{i.Title} ({i.Ref})",
            i.Owner ?? "No owner",
            Cells.Rating(e.Rating),
            i.Kind == ItemKind.Action ? "" : Cells.Target(e.Target, i.Profile),
            Cells.Outturn(e.Entry, i.Profile, label),
            string.IsNullOrWhiteSpace(e.Entry?.Commentary) ? "None given" : e.Entry.Commentary,
            string.IsNullOrWhiteSpace(e.Entry?.CorrectiveAction) ? "None given" : e.Entry.CorrectiveAction,
        ])
        {
            ItemRef = i.Ref,
        };
    }
}
