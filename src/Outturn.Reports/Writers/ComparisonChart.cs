using System.Globalization;
using System.Net;
using System.Text;
using Outturn.Domain.Comparisons;
using Outturn.Domain.Rating;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>A comparator group's figures as an accessible SVG: one row per area, best first, a dot for the figure and
/// a line for its 95% interval; the organisation's own row drawn as a larger diamond and labelled "(this council)" in
/// bold, so that it is found without colour; England as a labelled dashed line. The SVG has a title and a
/// description, and the page gives the same figures as a table.</summary>
public static class ComparisonChart
{
    private const int LabelWidth = 210;
    private const int PlotWidth = 440;
    private const int RowHeight = 22;
    private const int Top = 34;

    /// <summary>A comparison's areas as bars, best first by <paramref name="profile"/>'s polarity, those without a
    /// figure or with a small count last; the organisation's own with the interval worked out for it.</summary>
    public static IReadOnlyList<ComparisonBar> Bars(ComparedWith compared, MeasureProfile profile)
    {
        var r = compared.Result;
        bool Small(AreaFigure f) => f.Count is { } c && c < compared.SmallNumbers;
        return
        [
            .. compared
                .Members.OrderBy(m => m.Figure.Value is null || Small(m.Figure) ? 1 : 0)
                .ThenBy(m => m.Figure.Value ?? 0, Comparison.BestFirst(profile.Polarity))
                .Select(m =>
                {
                    var own = m.Figure.Area == r.Own.Area;
                    var interval = own ? r.Ci95 : m.Figure.Ci95;
                    return new ComparisonBar(
                        m.Name,
                        m.Figure.Value,
                        interval?.Lower,
                        interval?.Upper,
                        own,
                        Small(m.Figure)
                    );
                }),
        ];
    }

    /// <summary>The chart of a measure's comparison as a report block: its title, a description that says what a
    /// reader would see, and every figure as printed.</summary>
    public static ComparisonChartBlock Block(string measureTitle, ComparedWith compared, MeasureProfile profile)
    {
        var r = compared.Result;
        var bars = Bars(compared, profile);
        string Figure(double v) => ValueFormatter.FormatFigure(v, profile);
        return new ComparisonChartBlock(
            $"{measureTitle} compared with {compared.Group ?? "England"}, {compared.Period.Label}",
            $"{bars.Count} areas, best first, each with its 95% confidence interval"
                + (r.RankText is { } rank ? $"; this council is {rank}" : "")
                + (r.EnglandValue is { } e ? $"; England's figure is {Figure(e)}, drawn as a dashed line." : "."),
            bars,
            r.EnglandValue,
            profile.Unit.ToString()
        )
        {
            Labels =
            [
                .. bars.Select(b =>
                    b.Suppressed ? "*"
                    : b.Value is not { } v ? "-"
                    : Figure(v) + (b.Lower is { } lo && b.Upper is { } hi ? $" ({Figure(lo)} to {Figure(hi)})" : "")
                ),
            ],
            EnglandLabel = r.EnglandValue is { } england ? Figure(england) : null,
        };
    }

    /// <summary>The chart's figures as a table, for a reader who cannot see it and for spreadsheets: each area in the
    /// chart's order, then England.</summary>
    public static TableBlock Table(ComparisonChartBlock block) =>
        new(
            $"{block.Title}: the figures",
            [new("Area"), new("Figure (95% confidence interval)")],
            [
                .. block.Bars.Select(
                    (b, i) =>
                        new ReportRow([
                            b.Own ? b.Name + " (this council)" : b.Name,
                            i < block.Labels.Count ? block.Labels[i] : "-",
                        ])
                ),
                .. block.EnglandLabel is { } england ? [new ReportRow(["England", england])] : Array.Empty<ReportRow>(),
            ]
        );

    /// <summary>The block as SVG, its figures written as the block prints them.</summary>
    public static string Svg(string id, ComparisonChartBlock block)
    {
        return Svg(
            id,
            block.Title,
            block.Description,
            block.Bars,
            block.England,
            v => v == block.England && block.EnglandLabel is { } england ? england : Tick(v, block.Unit)
        );
    }

    /// <summary>An axis tick: the number to the places its size needs, with the unit's sign.</summary>
    private static string Tick(double v, string unit)
    {
        var places =
            Math.Abs(v) >= 100 ? 0
            : Math.Abs(v) >= 10 ? 1
            : 2;
        var number = Math.Round(v, places).ToString("#,##0." + new string('#', places), CultureInfo.InvariantCulture);
        return unit switch
        {
            "Percentage" => number + "%",
            "Money" => "£" + number,
            _ => number,
        };
    }

    public static string Svg(
        string id,
        string title,
        string description,
        IReadOnlyList<ComparisonBar> bars,
        double? england,
        Func<double, string> format
    )
    {
        var drawn = bars.Where(b => b.Value is not null && !b.Suppressed).ToList();
        var ends = drawn
            .SelectMany(b => new[] { b.Value!.Value, b.Lower ?? b.Value!.Value, b.Upper ?? b.Value!.Value })
            .Concat(england is { } e ? [e] : [])
            .ToList();
        var min = ends.Count > 0 ? ends.Min() : 0;
        var max = ends.Count > 0 ? ends.Max() : 1;
        var pad = Math.Max((max - min) * 0.08, Math.Abs(max) * 0.01 + 1e-9);
        min = min >= 0 && min - pad < 0 ? 0 : min - pad;
        max += pad;
        double X(double v) => LabelWidth + ((v - min) / (max - min) * PlotWidth);

        var height = Top + (bars.Count * RowHeight) + 28;
        var width = LabelWidth + PlotWidth + 20;
        var svg = new StringBuilder(4096);
        svg.Append(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"comparison-chart\" role=\"img\" "
                + $"viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" "
                + $"font-family=\"Arial, Helvetica, sans-serif\" aria-labelledby=\"{id}-title {id}-desc\">"
        );
        svg.Append($"<title id=\"{id}-title\">{E(title)}</title>");
        svg.Append($"<desc id=\"{id}-desc\">{E(description)}</desc>");
        var axisY = Top + (bars.Count * RowHeight);
        svg.Append(
            $"<line x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{LabelWidth + PlotWidth}\" y2=\"{axisY}\" "
                + "stroke=\"#0b0c0c\"/>"
        );
        foreach (var (tick, anchor) in new[] { (min, "start"), ((min + max) / 2, "middle"), (max, "end") })
        {
            svg.Append(
                $"<text x=\"{F(X(tick))}\" y=\"{axisY + 16}\" font-size=\"11\" text-anchor=\"{anchor}\" "
                    + $"fill=\"#0b0c0c\">{E(format(tick))}</text>"
            );
        }

        if (england is { } eng)
        {
            svg.Append(
                $"<line x1=\"{F(X(eng))}\" y1=\"{Top - 8}\" x2=\"{F(X(eng))}\" y2=\"{axisY}\" stroke=\"#505a5f\" "
                    + "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
                    + $"<text x=\"{F(X(eng))}\" y=\"{Top - 14}\" font-size=\"11\" text-anchor=\"middle\" "
                    + $"fill=\"#0b0c0c\">England {E(format(eng))}</text>"
            );
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * RowHeight) + (RowHeight / 2);
            var label = bar.Own ? bar.Name + " (this council)" : bar.Name;
            svg.Append(
                $"<text x=\"{LabelWidth - 8}\" y=\"{y + 4}\" font-size=\"12\" text-anchor=\"end\" fill=\"#0b0c0c\""
                    + $"{(bar.Own ? " font-weight=\"bold\"" : "")}>{E(label)}</text>"
            );
            if (bar.Value is not { } v || bar.Suppressed)
            {
                svg.Append(
                    $"<text x=\"{LabelWidth + 4}\" y=\"{y + 4}\" font-size=\"11\" fill=\"#0b0c0c\">"
                        + $"{(bar.Suppressed ? "* small number, not shown" : "no figure")}</text>"
                );
                continue;
            }

            if (bar.Lower is { } lo && bar.Upper is { } hi)
            {
                svg.Append(
                    $"<line x1=\"{F(X(lo))}\" y1=\"{y}\" x2=\"{F(X(hi))}\" y2=\"{y}\" stroke=\"#505a5f\" "
                        + "stroke-width=\"2\"/>"
                        + $"<line x1=\"{F(X(lo))}\" y1=\"{y - 4}\" x2=\"{F(X(lo))}\" y2=\"{y + 4}\" "
                        + "stroke=\"#505a5f\" stroke-width=\"2\"/>"
                        + $"<line x1=\"{F(X(hi))}\" y1=\"{y - 4}\" x2=\"{F(X(hi))}\" y2=\"{y + 4}\" "
                        + "stroke=\"#505a5f\" stroke-width=\"2\"/>"
                );
            }

            var x = X(v);
            svg.Append(
                bar.Own
                    ? $"<path d=\"M{F(x)} {y - 8}L{F(x + 8)} {y}L{F(x)} {y + 8}L{F(x - 8)} {y}Z\" fill=\"#1d70b8\" "
                        + "stroke=\"#0b0c0c\" stroke-width=\"1.5\"/>"
                    : $"<circle cx=\"{F(x)}\" cy=\"{y}\" r=\"4.5\" fill=\"#0b0c0c\"/>"
            );
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
