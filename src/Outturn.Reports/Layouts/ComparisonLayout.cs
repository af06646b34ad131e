using Outturn.Domain.Comparisons;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Layouts;

/// <summary>
/// The comparison report: each measure linked to a national metric, by priority, against its comparator group,
/// England and its region — the council's figure and 95% interval, rank and quartile, the group's average and the
/// variance from it, and whether England's and the region's figures are significantly different — from the national
/// figures of the latest period ending by the report's (docs/comparisons.md).
/// </summary>
internal static class ComparisonLayout
{
    public static ReportDocument Build(ReportInput input)
    {
        var compared = input.Items.Where(i => i.Compared is not null).ToList();
        var sections = new List<ReportSection> { Key(compared) };
        if (compared.Count == 0)
        {
            sections.Add(
                new ReportSection(
                    "Measures",
                    [
                        new ParagraphBlock(
                            "No measure is compared: none is linked to a national metric with figures for a period "
                                + "ending by this report's, or the organisation has no area code."
                        ),
                    ]
                )
            );
        }

        foreach (var priority in compared.GroupBy(i => i.Priority ?? "Other"))
        {
            ReportColumn[] columns =
            [
                new("Measure"),
                new("Period"),
                new("This council", ColumnKind.Number),
                new("95% interval"),
                new("Rank"),
                new("Quartile", ColumnKind.Number),
                new("Group average", ColumnKind.Number),
                new("Variance"),
                new("England", ColumnKind.Number),
                new("Region", ColumnKind.Number),
                new("Recent trend"),
            ];
            sections.Add(
                new ReportSection(
                    priority.Key,
                    [
                        new TableBlock(
                            $"{priority.Key}: compared with other councils",
                            columns,
                            [.. priority.Select(Row)]
                        ),
                        .. priority
                            .Where(m => m.Compared!.Members.Count > 0)
                            .Select(m =>
                                Writers.ComparisonChart.Block(m.Title, m.Compared!, m.Profile) with
                                {
                                    ItemRef = m.Ref,
                                }
                            ),
                    ]
                )
            );
        }

        return new ReportDocument(
            $"{input.Committee ?? input.Organisation}: Comparisons with Other Councils",
            input.Period.Label,
            sections
        )
        {
            Landscape = true,
        };
    }

    private static ReportSection Key(List<EvaluatedItem> compared)
    {
        var groups = compared.Select(i => i.Compared!.Group ?? "England only").Distinct().ToList();
        return new ReportSection(
            "How to read this report",
            [
                new ParagraphBlock(
                    (groups.Count == 0 ? "" : $"Compared with: {string.Join("; ", groups)}. ")
                        + "Rank 1 is the best figure by the measure's polarity; councils with the same figure share a "
                        + "rank (joint). Quartile 1 is the best quarter of the group. The group average leaves this "
                        + "council out; the variance is this council's figure's difference from it, as a percentage."
                ),
                new ParagraphBlock(
                    "Similar: the other figure lies within this council's 95% confidence interval. Better or worse: "
                        + "outside it, by the measure's polarity (higher or lower for a measure with none). Not "
                        + "compared: there is no interval. * A count too small to show: not shown and not ranked."
                ),
                new ParagraphBlock(
                    "Recent trend: Fingertips' test of this council's last five figures to the period, each weighted "
                        + "by its confidence interval: increasing or decreasing (getting better or worse, by the "
                        + "measure's polarity) only when the change is significant; it cannot be calculated with "
                        + "fewer than five figures."
                ),
            ]
        )
        {
            IsKey = true,
        };
    }

    private static string Capital(string words) => char.ToUpperInvariant(words[0]) + words[1..];

    private static ReportRow Row(EvaluatedItem m)
    {
        var c = m.Compared!;
        var r = c.Result;
        string F(double? v) => ValueFormatter.FormatFigure(v, m.Profile);
        ReportCell Figure(double? v) =>
            v is { } d && !r.Suppressed
                ? new ReportCell(F(d)) { Number = (decimal)Math.Round(d, 4) }
                : new ReportCell(r.Suppressed ? "*" : "-");
        string Against(double? v, Significance s) => v is null ? "-" : $"{F(v)}, {s.Word()}";
        return new ReportRow([
            $"{m.Title} ({m.Ref})",
            c.Period.ToString(),
            Figure(r.Own.Value),
            r.Suppressed || r.Ci95 is not { } ci ? "-" : $"{F(ci.Lower)} to {F(ci.Upper)}",
            r.RankText ?? "Not ranked",
            r.Quartile is { } q
                ? new ReportCell(q.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    Number = q,
                    NumberFormat = "0",
                }
                : new ReportCell("-"),
            new ReportCell(F(r.GroupAverage)) { Number = r.GroupAverage is { } a ? (decimal)Math.Round(a, 4) : null },
            r.Suppressed || r.VariancePercent is not { } v
                ? "-"
                : v.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture) + "%",
            r.Suppressed ? "*" : Against(r.EnglandValue, r.VsEngland),
            r.Suppressed ? "*" : Against(r.RegionValue, r.VsRegion),
            c.Trend is { } trend ? Capital(trend.Words(m.Profile.Polarity)) : "-",
        ])
        {
            ItemRef = m.Ref,
        };
    }
}
