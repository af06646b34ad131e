using Outturn.Domain.Framework;
using Outturn.Domain.Periods;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Domain.Statistics;
using Outturn.Domain.Values;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The quarterly overview (shared/reference-reports/quarterly-overview-report.txt): a legend, then by committee
/// each indicator's polarity in words, annual and quarter targets, the quarter's figure and rating, short-term
/// direction with last quarter's figure and long-term with the same quarter last year's, and the comments.
/// </summary>
internal static class QuarterlyLayout
{
    public static ReportDocument Build(ReportInput input)
    {
        var (q, items, committees) = (input.Period, input.Items, input.Committees);
        var year = q.FinancialYearEnding();
        var sections = new List<ReportSection>
        {
            Legend.Section(
                q.Previous().Label,
                q.SamePeriodLastYear().Label,
                input.Scheme,
                items.Select(i => i.Evaluation.Rating.Final)
            ),
        };
        foreach (var committee in committees.Where(c => input.Committee is null || c == input.Committee))
        {
            var measures = items.Where(i => i.Kind == ItemKind.Measure && i.Committees.Contains(committee)).ToList();
            if (measures.Count == 0)
            {
                continue;
            }

            // A column of comparisons with other councils only where a measure of the table is compared.
            var compared = measures.Any(m => m.Compared is not null);
            ReportColumn[] columns =
            [
                new("Indicator"),
                new("Polarity"),
                new($"{year} annual target", ColumnKind.Number),
                new($"{q.Label} target", ColumnKind.Number),
                new($"{q.Label} performance", ColumnKind.Number),
                new("RAG", ColumnKind.Rating),
                new($"Short-term direction (against {q.Previous().Label})", ColumnKind.Direction),
                new($"{q.Previous().Label}", ColumnKind.Number),
                new($"Long-term direction (against {q.SamePeriodLastYear().Label})", ColumnKind.Direction),
                new($"{q.SamePeriodLastYear().Label}", ColumnKind.Number),
                .. compared ? [new ReportColumn("Compared with other councils")] : Array.Empty<ReportColumn>(),
                new("Statistical process control"),
            ];
            var rows = measures
                .Select(m =>
                    Row(m, q, year) is var row && compared
                        ? row with
                        {
                            Cells = [.. row.Cells.SkipLast(1), Cells.Compared(m), row.Cells[^1]],
                        }
                        : row
                )
                .ToList();
            sections.Add(
                new ReportSection(committee, [new TableBlock($"{committee}: indicators for {q.Label}", columns, rows)])
            );
        }

        return new ReportDocument($"{input.Organisation}: Performance Report", $"{q.Label}", sections)
        {
            Landscape = true,
        };
    }

    /// <summary>
    /// The target for the whole year: the one stored for the financial year, or for the academic or calendar year
    /// ending in it (termly and half-yearly measures are often set by the academic year); for a cumulative measure
    /// without one, the target of its last period in the year, which is the year's. Never a quarter's own target.
    /// </summary>
    public static Target? AnnualTarget(EvaluatedItem m, Period year)
    {
        var academic = Period.AcademicYear(year.Year);
        var calendar = Period.CalendarYear(year.Year);
        foreach (var candidate in new[] { year, academic, calendar })
        {
            if (m.Series.At(candidate)?.Target is { } target)
            {
                return target;
            }
        }

        if (m.Profile.Aggregation == Domain.Framework.Aggregation.CumulativeYearToDate)
        {
            var native = m.Profile.Frequency.NativePeriodKind();
            return m.Series.Within(year, native).LastOrDefault(e => e.Period.EndMonth == year.EndMonth)?.Target;
        }

        return null;
    }

    private static ReportRow Row(EvaluatedItem m, Period q, Period year)
    {
        var e = m.Evaluation;
        var annual = AnnualTarget(m, year);
        return new ReportRow([
            $"{m.Title} ({m.Ref})",
            Cells.Polarity(m.Profile.Polarity),
            Cells.Target(annual, m.Profile),
            Cells.Target(e.Target, m.Profile),
            Cells.Outturn(e.Entry, m.Profile, e.IsCarriedForward ? e.Period.Label : null),
            Cells.Rating(e.Rating),
            Cells.Direction(e.ShownShort),
            e.Previous is null
                ? new ReportCell("New")
                : Cells.Outturn(
                    e.Previous,
                    m.Profile,
                    e.PreviousPeriod != q.Previous() ? e.PreviousPeriod.Label : null
                ),
            Cells.Direction(e.ShownLong),
            e.LastYear is null
                ? new ReportCell("New")
                : Cells.Outturn(
                    e.LastYear,
                    m.Profile,
                    e.LastYearPeriod != q.SamePeriodLastYear() ? e.LastYearPeriod.Label : null
                ),
            Cells.Spc(m),
        ])
        {
            Detail =
                new[]
                {
                    e.Entry?.Commentary,
                    e.Entry?.CorrectiveAction is { } c
                        ? (
                            c.StartsWith("Corrective Action", StringComparison.OrdinalIgnoreCase)
                                ? c
                                : "Corrective Action: " + c
                        )
                        : null,
                }.Where(x => !string.IsNullOrWhiteSpace(x))
                    is var words
                && words.Any()
                    ? string.Join(" ", words)
                    : null,
            Table = Cells.Table(e.Entry, m.Title),
            ItemRef = m.Ref,
        };
    }
}

/// <summary>The key to ratings and directions, printed at the top of a report.</summary>
internal static class Legend
{
    /// <summary>The ratings a key shows: green and red; blue when the scheme has a blue margin and amber when it has
    /// an amber tolerance (or rates missing figures amber); and any rating the report's items have.</summary>
    public static IEnumerable<Rag> RatingsUsed(RatingScheme scheme, IEnumerable<Rag> occurring)
    {
        var seen = occurring.ToHashSet();
        return new[] { Rag.Blue, Rag.Green, Rag.Amber, Rag.Red, Rag.NoTarget, Rag.NoData }.Where(r =>
            seen.Contains(r)
            || r switch
            {
                Rag.Blue => scheme.BlueMargin is { IsZero: false },
                Rag.Amber => !scheme.AmberTolerance.IsZero || scheme.MissingRating == Rag.Amber,
                Rag.Green or Rag.Red => true,
                _ => false,
            }
        );
    }

    public static ReportSection Section(
        string shortAgainst,
        string longAgainst,
        RatingScheme scheme,
        IEnumerable<Rag> occurring
    )
    {
        var ratings = new TableBlock(
            "RAG ratings",
            [new("Rating", ColumnKind.Rating), new("Meaning")],
            [
                .. RatingsUsed(scheme, occurring)
                    .Select(r => new ReportRow([new ReportCell(r.Word()) { Rating = r }, Symbols.Meaning(r)])),
            ]
        );
        var directions = new TableBlock(
            "Direction of travel",
            [new("Direction", ColumnKind.Direction), new("Meaning")],
            [
                .. new[]
                {
                    Direction.Improving,
                    Direction.Same,
                    Direction.Deteriorating,
                    Direction.Planned,
                    Direction.New,
                }.Select(d => new ReportRow([new ReportCell(Symbols.Word(d)) { Direction = d }, Symbols.Meaning(d)])),
            ]
        );
        var spc = Spc(Enum.GetValues<SpcVariation>(), Enum.GetValues<SpcAssurance>());
        return new ReportSection(
            "Key",
            [
                new ParagraphBlock($"Short-term direction compares with {shortAgainst}; long-term with {longAgainst}."),
                ratings,
                directions,
                spc,
            ]
        )
        {
            IsKey = true,
        };
    }

    /// <summary>The key to statistical process control's signals: a row, with its icon, for each of
    /// <paramref name="variations"/> and <paramref name="assurances"/> in that order.</summary>
    public static TableBlock Spc(IEnumerable<SpcVariation> variations, IEnumerable<SpcAssurance> assurances)
    {
        static string Meaning(SpcVariation v) =>
            v switch
            {
                SpcVariation.CommonCause =>
                    "The figures vary only as they usually do (common cause): no change to act on by itself.",
                SpcVariation.Improvement => "A change beyond the usual variation (special cause), for the better: "
                    + "an arrow up for higher figures, down for lower.",
                SpcVariation.Concern => "A change beyond the usual variation (special cause), for the worse: an "
                    + "arrow up for higher figures, down for lower.",
                SpcVariation.NeutralHigh => "Higher than usual (special cause), for a measure where neither "
                    + "direction is better.",
                _ => "Lower than usual (special cause), for a measure where neither direction is better.",
            };
        static string Promise(SpcAssurance a) =>
            a switch
            {
                SpcAssurance.ConsistentPass => "The target lies beyond the process limits on the good side: it will "
                    + "be met every time unless something changes.",
                SpcAssurance.ConsistentFail => "The target lies beyond the process limits on the wrong side: it will "
                    + "be missed every time unless something changes.",
                _ => "The target lies within the process limits: it will be met some times and not others.",
            };
        return new TableBlock(
            "Statistical process control",
            [new("Signal"), new("Meaning")],
            [
                .. variations.Select(v => new ReportRow([
                    new ReportCell(MeasureSpc.Words(v))
                    {
                        Spc = new SpcSignal(v, null, High: v != SpcVariation.NeutralLow),
                    },
                    Meaning(v),
                ])),
                .. assurances.Select(a => new ReportRow([
                    new ReportCell(MeasureSpc.Words(a)) { Spc = new SpcSignal(null, a) },
                    Promise(a),
                ])),
            ]
        );
    }
}
