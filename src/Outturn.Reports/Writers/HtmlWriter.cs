using System.Globalization;
using System.Net;
using System.Text;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Writers;

/// <summary>
/// Writes a report as one self-contained, print-ready HTML page: headings in order, tables with captions and
/// header cells, ratings and directions in words (colour and arrows only add to them), and charts as SVG with a
/// title, a description and the same figures as a table. Chromium prints this page to PDF.
/// </summary>
public static class HtmlWriter
{
    public static string Write(ReportDocument doc)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append(
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\">\n"
        );
        html.Append("<title>")
            .Append(E(doc.Title))
            .Append(" — ")
            .Append(E(doc.Subtitle))
            .Append("</title>\n<style>")
            .Append(Css)
            .Append(doc.PrintsLandscape ? "@page { size: A4 landscape; }\n" : "")
            .Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>")
            .Append(E(doc.Title))
            .Append("<span class=\"subtitle\">")
            .Append(E(doc.Subtitle))
            .Append("</span></h1>\n");
        Sections(html, doc, HtmlFlavour.Print);
        if (doc.Provenance is { } provenance)
        {
            html.Append("<p class=\"provenance\">").Append(E(provenance)).Append("</p>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The report's sections alone, for a web page that has its own heading and layout (GOV.UK Frontend's
    /// classes, each measure's title linking to its page); the same document the PDF prints, drawn by the same
    /// code.</summary>
    /// <remarks>Kept beside the document for as long as the document lives: a cached dashboard, read by many, is
    /// drawn once.</remarks>
    public static string Fragment(ReportDocument doc) =>
        Fragments.GetValue(
            doc,
            d =>
            {
                var html = new StringBuilder(64 * 1024);
                Sections(html, d, HtmlFlavour.Page);
                return html.ToString();
            }
        );

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReportDocument, string> Fragments = [];

    private static void Sections(StringBuilder html, ReportDocument doc, HtmlFlavour flavour)
    {
        var counter = 0;
        foreach (var section in doc.Sections)
        {
            Section(html, section, 2, ref counter, flavour);
        }
    }

    private static StringBuilder Open(this StringBuilder html, string tag, string? classes) =>
        classes is { Length: > 0 }
            ? html.Append('<').Append(tag).Append(" class=\"").Append(classes).Append("\">")
            : html.Append('<').Append(tag).Append('>');

    private static string? Join(string? a, string? b) =>
        a is null ? b
        : b is null ? a
        : a + " " + b;

    private static void Section(StringBuilder html, ReportSection section, int level, ref int counter, HtmlFlavour f)
    {
        html.Open("section", level == 2 ? f.Section : null).Append('\n');
        html.Open("h" + level, f.Heading(level)).Append(E(section.Title)).Append("</h").Append(level).Append(">\n");
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    html.Open("p", f.Paragraph).Append(E(p.Text)).Append("</p>\n");
                    break;
                case ListBlock l:
                    html.Open("ul", f.List);
                    foreach (var item in l.Items)
                    {
                        html.Append("<li>").Append(E(item)).Append("</li>");
                    }

                    html.Append("</ul>\n");
                    break;
                case TableBlock t:
                    Table(html, t, f);
                    break;
                case ChartBlock c:
                    Chart(html, c, ++counter);
                    break;
                case ComparisonChartBlock c:
                    html.Append("<figure class=\"chart\">\n<figcaption><span class=\"chart-title\">")
                        .Append(E(c.Title))
                        .Append("</span> ")
                        .Append(E(c.Description))
                        .Append(
                            "</figcaption>\n<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
                        )
                        .Append(E(c.Title))
                        .Append("\">\n")
                        .Append(ComparisonChart.Svg($"comparison-{++counter}", c))
                        .Append("\n</div>\n</figure>\n");
                    Table(html, ComparisonChart.Table(c), f);
                    break;
            }
        }

        foreach (var sub in section.Subsections)
        {
            Section(html, sub, Math.Min(level + 1, 4), ref counter, f);
        }

        html.Append("</section>\n");
    }

    private static void Table(StringBuilder html, TableBlock table, HtmlFlavour f)
    {
        html.Open("table", f.Table)
            .Append('\n')
            .Open("caption", f.Caption)
            .Append(E(table.Caption))
            .Append("</caption>\n")
            .Open("thead", f.Head)
            .Open("tr", f.Row);
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\"");
            Classes(html, Join(f.ColumnHeader, column.Kind == ColumnKind.Number ? f.NumericHeader : null));
            html.Append('>').Append(E(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead>\n").Open("tbody", f.Body).Append('\n');
        foreach (var row in table.Rows)
        {
            html.Open("tr", Join(f.Row, row.Detail is null && row.Table is null ? null : f.HasDetail));
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var numeric = table.Columns[i].Kind == ColumnKind.Number;
                if (i == 0)
                {
                    html.Append("<th scope=\"row\"");
                    Classes(html, Join(f.RowHeader, numeric ? f.NumericCell : null));
                    html.Append('>');
                    if (f.LinksToMeasures && row.ItemRef is { } reference)
                    {
                        html.Append("<a class=\"govuk-link\" href=\"/measures/")
                            .Append(E(Uri.EscapeDataString(reference)))
                            .Append("\">")
                            .Append(E(cell.Text))
                            .Append("</a>");
                    }
                    else
                    {
                        Cell(html, cell, f);
                    }

                    html.Append("</th>");
                    continue;
                }

                html.Append("<td");
                Classes(
                    html,
                    Join(
                        f.Cell,
                        numeric && (f.NumericOnMarkedCells || (cell.Rating is null && cell.Direction is null))
                            ? f.NumericCell
                            : null
                    )
                );
                if (f.LabelsCells)
                {
                    // On a narrow screen each cell is shown under its column's heading (outturn.css).
                    html.Append(" data-label=\"").Append(E(table.Columns[i].Header)).Append('"');
                }

                html.Append('>');
                Cell(html, cell, f);
                html.Append("</td>");
            }

            html.Append("</tr>\n");
            if (row.Detail is not null || row.Table is not null)
            {
                html.Open("tr", f.DetailRow).Append("<td");
                Classes(html, f.DetailCell);
                html.Append(" colspan=\"").Append(table.Columns.Count).Append("\">");
                if (row.Detail is { } detail)
                {
                    Commentary(html, detail, f);
                }

                if (row.Table is { } inner)
                {
                    html.Open("div", f.SubTable).Append('\n');
                    Table(html, inner, f);
                    html.Append("</div>");
                }

                html.Append("</td></tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>An officer's words as the web app's pages show them (GOV.UK classes), every character encoded: see
    /// <see cref="Commentary(StringBuilder, string, HtmlFlavour)"/>.</summary>
    public static string CommentaryFragment(string? text)
    {
        var html = new StringBuilder();
        Commentary(html, text ?? "", HtmlFlavour.Page);
        return html.ToString();
    }

    /// <summary>An officer's words with their paragraphs and bullets (<see cref="CommentaryText"/>): one paragraph
    /// is written as it is, more as paragraphs and lists.</summary>
    private static void Commentary(StringBuilder html, string text, HtmlFlavour f)
    {
        var blocks = CommentaryText.Parse(text);
        if (blocks is [{ IsList: false } only])
        {
            html.Append(E(only.Lines[0]));
            return;
        }

        foreach (var block in blocks)
        {
            if (block.IsList)
            {
                html.Open("ul", f.DetailList);
                foreach (var line in block.Lines)
                {
                    html.Append("<li>").Append(E(line)).Append("</li>");
                }

                html.Append("</ul>");
            }
            else
            {
                html.Open("p", f.DetailParagraph).Append(E(block.Lines[0])).Append("</p>");
            }
        }
    }

    private static void Classes(StringBuilder html, string? classes)
    {
        if (classes is { Length: > 0 })
        {
            html.Append(" class=\"").Append(classes).Append('"');
        }
    }

    private static void Cell(StringBuilder html, ReportCell cell, HtmlFlavour f)
    {
        if (cell.Rating is { } rag)
        {
            html.Append("<strong class=\"")
                .Append(f.RatingClass(rag))
                .Append("\">")
                .Append(E(cell.Text))
                .Append("</strong>");
        }
        else if (cell.Direction is { } d)
        {
            html.Append(
                    f.DirectionWrapped
                        ? "<span class=\"dot\"><span aria-hidden=\"true\">"
                        : "<span aria-hidden=\"true\">"
                )
                .Append(Symbols.Arrow(d))
                .Append("</span> ")
                .Append(E(cell.Text))
                .Append(f.DirectionWrapped ? "</span>" : "");
        }
        else if (cell.Trend is { } trend)
        {
            Sparkline(html, trend, cell.Text);
        }
        else if (cell.Spc is { } spc)
        {
            html.Append("<span class=\"spc-icons\">");
            foreach (var icon in SpcIcons.Of(spc))
            {
                html.Append(SpcIcons.Svg(icon, 20));
            }

            html.Append("</span> ").Append(E(cell.Text));
        }
        else
        {
            html.Append(E(cell.Text));
        }
    }

    /// <summary>A small line of a measure's figures, its last point marked, named by its words (an image to a screen
    /// reader, which reads the words); a period without a figure breaks the line.</summary>
    private static void Sparkline(StringBuilder html, Sparkline trend, string words)
    {
        const double Width = 96,
            Height = 24,
            Pad = 3;
        var numbers = trend.Values.OfType<decimal>().ToList();
        if (numbers.Count == 0)
        {
            html.Append(E(words));
            return;
        }

        var (low, high) = ((double)numbers.Min(), (double)numbers.Max());
        var step = trend.Values.Count > 1 ? (Width - (2 * Pad)) / (trend.Values.Count - 1) : 0;
        double Y(decimal v) =>
            high == low ? Height / 2 : Height - Pad - (((double)v - low) / (high - low) * (Height - (2 * Pad)));
        html.Append("<svg class=\"spark\" role=\"img\" width=\"96\" height=\"24\" viewBox=\"0 0 96 24\" aria-label=\"")
            .Append(E(words))
            .Append("\"><title>")
            .Append(E(words))
            .Append("</title>");
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                html.Append("<polyline class=\"values\" points=\"").AppendJoin(' ', run).Append("\"/>");
            }

            run.Clear();
        }

        (double X, double Y) last = default;
        for (var i = 0; i < trend.Values.Count; i++)
        {
            if (trend.Values[i] is { } v)
            {
                last = (Pad + (i * step), Y(v));
                run.Add($"{F(last.X)},{F(last.Y)}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        // Special-cause points as squares: a signal seen by its shape (filled for a concern, hollow otherwise).
        for (var i = 0; i < trend.Values.Count; i++)
        {
            if (
                trend.Values[i] is { } v
                && trend.Signals is { } signals
                && signals[i] != Domain.Statistics.SpcVariation.CommonCause
            )
            {
                html.Append("<rect class=\"")
                    .Append(signals[i] == Domain.Statistics.SpcVariation.Concern ? "signal concern" : "signal")
                    .Append("\" width=\"5\" height=\"5\" x=\"")
                    .Append(F(Pad + (i * step) - 2.5))
                    .Append("\" y=\"")
                    .Append(F(Y(v) - 2.5))
                    .Append("\"/>");
            }
        }

        html.Append("<circle class=\"point\" r=\"2.5\" cx=\"")
            .Append(F(last.X))
            .Append("\" cy=\"")
            .Append(F(last.Y))
            .Append("\"/></svg>");
    }

    /// <summary>How the two kinds of page mark up the same report: the print page's own short classes (its CSS is
    /// <see cref="Css"/>), or GOV.UK Frontend's for the web app.</summary>
    private sealed record HtmlFlavour
    {
        public string? Section { get; init; }
        public required Func<int, string?> Heading { get; init; }
        public string? Paragraph { get; init; }
        public string? List { get; init; }
        public string? Table { get; init; }
        public string? Caption { get; init; }
        public string? Head { get; init; }
        public string? Body { get; init; }
        public string? Row { get; init; }
        public string? ColumnHeader { get; init; }
        public required string NumericHeader { get; init; }
        public string? RowHeader { get; init; }
        public string? Cell { get; init; }
        public required string NumericCell { get; init; }

        /// <summary>True when a number column's rating or direction cell is marked numeric too.</summary>
        public bool NumericOnMarkedCells { get; init; }
        public required string HasDetail { get; init; }
        public string? DetailRow { get; init; }
        public string? DetailCell { get; init; }
        public string? DetailParagraph { get; init; }
        public string? DetailList { get; init; }

        /// <summary>Around a table printed under a row.</summary>
        public required string SubTable { get; init; }
        public required Func<Rag, string> RatingClass { get; init; }
        public bool DirectionWrapped { get; init; }
        public bool LinksToMeasures { get; init; }

        /// <summary>True when each cell carries its column's heading, for a narrow screen's layout.</summary>
        public bool LabelsCells { get; init; }

        public static readonly HtmlFlavour Print = new()
        {
            Heading = _ => null,
            NumericHeader = "num",
            NumericCell = "num",
            NumericOnMarkedCells = true,
            HasDetail = "has-detail",
            DetailRow = "detail",
            SubTable = "subtable",
            RatingClass = rag => "rag rag-" + Codes(rag),
            DirectionWrapped = true,
        };

        public static readonly HtmlFlavour Page = new()
        {
            Section = "outturn-section",
            Heading = level =>
                level switch
                {
                    2 => "govuk-heading-l",
                    3 => "govuk-heading-m",
                    _ => "govuk-heading-s",
                },
            Paragraph = "govuk-body",
            List = "govuk-list govuk-list--bullet",
            Table = "govuk-table outturn-table",
            Caption = "govuk-table__caption govuk-table__caption--s",
            Head = "govuk-table__head",
            Body = "govuk-table__body",
            Row = "govuk-table__row",
            ColumnHeader = "govuk-table__header",
            NumericHeader = "govuk-table__header--numeric",
            RowHeader = "govuk-table__header outturn-row-header",
            Cell = "govuk-table__cell",
            NumericCell = "govuk-table__cell--numeric",
            HasDetail = "outturn-has-detail",
            DetailRow = "govuk-table__row",
            DetailCell = "govuk-table__cell govuk-body-s outturn-detail",
            DetailParagraph = "govuk-body-s",
            DetailList = "govuk-list govuk-list--bullet govuk-body-s",
            SubTable = "outturn-subtable",
            RatingClass = rag =>
                "govuk-tag "
                + rag switch
                {
                    Rag.Blue => "govuk-tag--blue",
                    Rag.Green => "govuk-tag--green",
                    Rag.Amber => "govuk-tag--yellow",
                    Rag.Red => "govuk-tag--red",
                    _ => "govuk-tag--grey",
                },
            LinksToMeasures = true,
            LabelsCells = true,
        };
    }

    private static string Codes(Rag rag) => Domain.Framework.Codes.Of(rag).Replace('_', '-');

    /// <summary>A line chart of figures (with their ratings) against target, or bars for a distribution.</summary>
    private static void Chart(StringBuilder html, ChartBlock chart, int id)
    {
        const int width = 640,
            height = 226,
            left = 64,
            right = 64,
            top = 12,
            bottom = 30;
        // The key is text below the chart, so that it wraps on a narrow page rather than being cut off.
        string? key = null;
        var points = chart.Points;
        var hasSpc = points.Any(p => p.Mean is not null);
        var numbers = points
            .SelectMany(p => new[] { p.Value, p.Target, p.National, Dec(p.LowerLimit), Dec(p.UpperLimit) })
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .ToList();
        var hasNational = points.Any(p => p.National is not null);
        var bars = chart.Unit == "Bars";
        // The title and description above the chart, in the page's type; the SVG carries them too, for readers
        // that announce an image by its own title.
        html.Append("<figure class=\"chart\">\n<figcaption><span class=\"chart-title\">")
            .Append(E(chart.Title))
            .Append("</span> ")
            .Append(E(chart.Description))
            .Append("</figcaption>\n<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"")
            .Append(E(chart.Title))
            .Append("\">\n<svg role=\"img\" aria-labelledby=\"chart-")
            .Append(id)
            .Append("-title chart-")
            .Append(id)
            .Append("-desc\" viewBox=\"0 0 ")
            .Append(width)
            .Append(' ')
            .Append(height)
            .Append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\n<title id=\"chart-")
            .Append(id)
            .Append("-title\">")
            .Append(E(chart.Title))
            .Append("</title>\n<desc id=\"chart-")
            .Append(id)
            .Append("-desc\">")
            .Append(E(chart.Description))
            .Append("</desc>\n");
        if (numbers.Count > 0)
        {
            // Round ticks in the measure's unit, a light gridline at each; bars start at zero.
            var scale = ChartScale.For(numbers.Min(), numbers.Max(), fromZero: bars);
            var (min, max) = (scale.Min, scale.Max);
            var span = max == min ? 1 : max - min;
            double X(int i) =>
                left + ((width - left - right) * (points.Count == 1 ? 0.5 : i / (double)(points.Count - 1)));
            double Y(decimal v) => top + ((height - top - bottom) * (double)((max - v) / span));
            foreach (var tick in scale.Ticks)
            {
                html.Append("<line class=\"grid\" x1=\"")
                    .Append(left)
                    .Append("\" y1=\"")
                    .Append(F(Y(tick)))
                    .Append("\" x2=\"")
                    .Append(width - right)
                    .Append("\" y2=\"")
                    .Append(F(Y(tick)))
                    .Append("\"/>\n<text class=\"label\" x=\"")
                    .Append(left - 6)
                    .Append("\" y=\"")
                    .Append(F(Y(tick) + 4))
                    .Append("\" text-anchor=\"end\">")
                    .Append(E(scale.Label(tick, chart.Unit)))
                    .Append("</text>\n");
            }

            html.Append("<line class=\"axis\" x1=\"")
                .Append(left)
                .Append("\" y1=\"")
                .Append(height - bottom)
                .Append("\" x2=\"")
                .Append(width - right)
                .Append("\" y2=\"")
                .Append(height - bottom)
                .Append("\"/>\n");
            if (bars)
            {
                var barWidth = (width - left - right) / (points.Count * 2.0);
                for (var i = 0; i < points.Count; i++)
                {
                    var v = points[i].Value ?? 0;
                    var x = left + (barWidth * ((2 * i) + 0.5));
                    html.Append("<rect class=\"bar rag-fill-")
                        .Append(points[i].Rating is { } r ? Codes(r) : "none")
                        .Append("\" x=\"")
                        .Append(F(x))
                        .Append("\" y=\"")
                        .Append(F(Y(v)))
                        .Append("\" width=\"")
                        .Append(F(barWidth))
                        .Append("\" height=\"")
                        .Append(F(Y(min) - Y(v)))
                        .Append("\"/>\n");
                    html.Append("<text class=\"label\" x=\"")
                        .Append(F(x + (barWidth / 2)))
                        .Append("\" y=\"")
                        .Append(height - bottom + 16)
                        .Append("\" text-anchor=\"middle\">")
                        .Append(E(points[i].Period))
                        .Append(": ")
                        .Append(E(Short(v)))
                        .Append("</text>\n");
                }
            }
            else
            {
                // Each line is drawn in pieces where a cumulative measure's year starts again, and named at its end.
                var labelled = new List<double>();
                void Line(string css, Func<ChartPoint, decimal?> get, string? name, bool stepsAtRebase = false)
                {
                    var drawn = points.Select((p, i) => (p, i, v: get(p))).Where(x => x.v is not null).ToList();
                    if (drawn.Count < 2)
                    {
                        return;
                    }

                    var pieces = new List<List<string>>();
                    foreach (var (p, i, v) in drawn)
                    {
                        if (pieces.Count == 0 || p.StartsYear || (stepsAtRebase && p.Rebase is not null))
                        {
                            pieces.Add([]);
                        }

                        pieces[^1].Add($"{F(X(i))},{F(Y(v!.Value))}");
                    }

                    foreach (var piece in pieces.Where(p => p.Count > 1))
                    {
                        html.Append("<polyline class=\"")
                            .Append(css)
                            .Append("\" points=\"")
                            .Append(string.Join(' ', piece))
                            .Append("\"/>\n");
                    }

                    if (name is not null)
                    {
                        // Beside its line's end, moved down clear of a name already there, or up where that would
                        // leave the plot.
                        var y = Y(drawn[^1].v!.Value) + 4;
                        var step = y + (12 * (labelled.Count + 1)) > height - bottom ? -12 : 12;
                        while (labelled.Any(l => Math.Abs(l - y) < 12))
                        {
                            y += step;
                        }

                        labelled.Add(y);
                        html.Append("<text class=\"label line-name\" x=\"")
                            .Append(F(X(drawn[^1].i) + 8))
                            .Append("\" y=\"")
                            .Append(F(y))
                            .Append("\">")
                            .Append(name)
                            .Append("</text>\n");
                    }
                }

                Line("target", p => p.Target, "Target");
                Line("national", p => p.National, "England");
                if (hasSpc)
                {
                    foreach (var (spcLine, get) in SpcLines)
                    {
                        Line(spcLine, p => Dec(get(p)), null, stepsAtRebase: true);
                    }

                    // Where the limits are worked out afresh: a line across the plot, numbered; the key says why.
                    var mark = 0;
                    for (var i = 0; i < points.Count; i++)
                    {
                        if (points[i].Rebase is null || points.Count < 2)
                        {
                            continue;
                        }

                        mark++;
                        var x = F(X(i) - (X(1) - X(0)) / 2);
                        html.Append("<line class=\"rebase\" x1=\"")
                            .Append(x)
                            .Append("\" x2=\"")
                            .Append(x)
                            .Append("\" y1=\"")
                            .Append(top)
                            .Append("\" y2=\"")
                            .Append(height - bottom)
                            .Append("\"/>\n<text class=\"label\" x=\"")
                            .Append(F(X(i) - (X(1) - X(0)) / 2 + 3))
                            .Append("\" y=\"")
                            .Append(top + 12)
                            .Append("\">")
                            .Append(mark)
                            .Append("</text>\n");
                    }
                }

                Line("values", p => p.Value, null);
                for (var i = 0; i < points.Count; i++)
                {
                    if (points[i].Value is { } v)
                    {
                        html.Append("<circle class=\"point rag-fill-")
                            .Append(points[i].Rating is { } r ? Codes(r) : "none")
                            .Append("\" cx=\"")
                            .Append(F(X(i)))
                            .Append("\" cy=\"")
                            .Append(F(Y(v)))
                            .Append("\" r=\"4\"/>\n");
                        if (points[i].Signal is { } signal and not Domain.Statistics.SpcVariation.CommonCause)
                        {
                            // A special-cause point is a square around its dot: seen by its shape.
                            html.Append("<rect class=\"signal")
                                .Append(signal == Domain.Statistics.SpcVariation.Concern ? " concern" : "")
                                .Append("\" x=\"")
                                .Append(F(X(i) - 6))
                                .Append("\" y=\"")
                                .Append(F(Y(v) - 6))
                                .Append("\" width=\"12\" height=\"12\"/>\n");
                        }
                    }
                }

                // Periods in words, spaced through the series: the first, the last and evenly between.
                foreach (var i in AxisPoints(points.Count, 6))
                {
                    html.Append("<text class=\"label\" x=\"")
                        .Append(F(X(i)))
                        .Append("\" y=\"")
                        .Append(height - bottom + 16)
                        .Append("\" text-anchor=\"")
                        .Append(
                            points.Count == 1 ? "middle"
                            : i == 0 ? "start"
                            : i == points.Count - 1 ? "end"
                            : "middle"
                        )
                        .Append("\">")
                        .Append(E(PeriodWords(points[i].Period, shortly: true)))
                        .Append("</text>\n");
                }

                key =
                    "Solid line: figure; dashed line: target"
                    + (hasNational ? "; dotted line: England" : "")
                    + (hasSpc ? "; grey: mean and process limits; square: special cause" : "")
                    + string.Concat(
                        points
                            .Where(p => p.Rebase is not null)
                            .Select(
                                (p, n) =>
                                    $"; line {n + 1}: limits worked out afresh from "
                                    + $"{PeriodWords(p.Period, shortly: false)} ({p.Rebase})"
                            )
                    )
                    + (points.Any(p => p.StartsYear) ? "; each year starts again" : "")
                    + ".";
            }
        }

        html.Append("</svg>\n</div>\n");
        if (key is not null)
        {
            html.Append("<p class=\"chart-key\">").Append(E(key)).Append("</p>\n");
        }

        html.Append("<details><summary>The figures in this chart</summary>\n<table class=\"chart-data\">\n<caption>")
            .Append(E(chart.Title))
            .Append(
                "</caption>\n<thead><tr><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Figure</th><th "
                    + "scope=\"col\" class=\"num\">Target</th>"
            )
            .Append(hasNational ? "<th scope=\"col\" class=\"num\">England</th>" : "")
            .Append("<th scope=\"col\">Rating</th>")
            .Append(
                hasSpc
                    ? "<th scope=\"col\" class=\"num\">Mean</th><th scope=\"col\" class=\"num\">Process limits</th>"
                        + "<th scope=\"col\">SPC</th>"
                    : ""
            )
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var p in points)
        {
            html.Append("<tr><th scope=\"row\">")
                .Append(E(PeriodWords(p.Period, shortly: false)))
                .Append("</th><td class=\"num\">")
                .Append(p.Value is { } v ? E(Short(v)) : "-")
                .Append("</td><td class=\"num\">")
                .Append(p.Target is { } t ? E(Short(t)) : "-")
                .Append("</td>")
                .Append(hasNational ? "<td class=\"num\">" + (p.National is { } n ? E(Short(n)) : "-") + "</td>" : "")
                .Append("<td>")
                .Append(p.Rating is { } r ? E(r.Word()) : "-")
                .Append("</td>");
            if (hasSpc)
            {
                html.Append("<td class=\"num\">")
                    .Append(Dec(p.Mean) is { } m ? E(Short(m)) : "-")
                    .Append("</td><td class=\"num\">")
                    .Append(
                        Dec(p.LowerLimit) is { } lo && Dec(p.UpperLimit) is { } hi
                            ? E($"{Short(lo)} to {Short(hi)}")
                            : "-"
                    )
                    .Append("</td><td>")
                    .Append(p.Signal is { } s ? E(Domain.Statistics.MeasureSpc.Words(s)) : "-")
                    .Append(p.Rebase is { } why ? E($"; limits worked out afresh: {why}") : "")
                    .Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</details>\n</figure>\n");
    }

    /// <summary>A chart's period in words ("March 2018", or "Mar 2018" <paramref name="shortly"/>); text that is
    /// not a period's canonical form is kept as it is.</summary>
    private static string PeriodWords(string period, bool shortly) =>
        Domain.Periods.Period.TryParse(period, out var p) ? (shortly ? p.ShortLabel : p.Label) : period;

    /// <summary>Which of <paramref name="count"/> points carry an axis label: at most <paramref name="most"/>, the
    /// first and last among them, the rest evenly between.</summary>
    public static IReadOnlyList<int> AxisPoints(int count, int most)
    {
        if (count <= most)
        {
            return [.. Enumerable.Range(0, count)];
        }

        return
        [
            .. Enumerable.Range(0, most).Select(k => (int)Math.Round(k * (count - 1) / (double)(most - 1))).Distinct(),
        ];
    }

    /// <summary>A chart as an HTML figure (SVG with title and description, and its figures as a table), for pages
    /// that lay out a report themselves. <paramref name="id"/> keeps the SVG's ids unique on the page.</summary>
    public static string ChartHtml(ChartBlock chart, int id)
    {
        var html = new StringBuilder(4096);
        Chart(html, chart, id);
        return html.ToString();
    }

    /// <summary>The statistical process control lines a chart draws, in grey: the mean solid, the limits
    /// dashed.</summary>
    private static readonly (string Line, Func<ChartPoint, double?> Get)[] SpcLines =
    [
        ("spc-mean", p => p.Mean),
        ("spc-limit", p => p.LowerLimit),
        ("spc-limit", p => p.UpperLimit),
    ];

    private static decimal? Dec(double? v) => v is { } d && double.IsFinite(d) ? (decimal)Math.Round(d, 6) : null;

    private static string Short(decimal v) => v.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>GOV.UK Design System colours; each text colour on its fill has a contrast of at least 4.5:1.</summary>
    private const string Css = """

        @page { size: A4; margin: 16mm 12mm 18mm 12mm; }
        body {
          font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #0b0c0c; background: #fff; margin: 0;
        }
        main { max-width: 1100px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 20pt; margin: 0 0 12px; }
        .subtitle { display: block; font-size: 14pt; font-weight: normal; color: #484949; }
        h2 { font-size: 16pt; margin: 24px 0 8px; border-bottom: 2px solid #0b0c0c; break-after: avoid; }
        h3 { font-size: 13pt; margin: 16px 0 6px; break-after: avoid; }
        h4 { font-size: 11pt; margin: 12px 0 6px; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 16px; font-size: 9.5pt; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border-bottom: 1px solid #b1b4b6; padding: 4px 6px; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #0b0c0c; background: #f3f2f1; }
        thead { display: table-header-group; } tr { break-inside: avoid; }
        tbody th { font-weight: normal; }
        .num { text-align: right; }
        tr.has-detail > * { border-bottom: none; }
        tr.detail td { font-size: 9pt; color: #0b0c0c; padding: 0 6px 8px 18px; }
        .subtable table { width: auto; margin: 6px 0 4px; }
        .subtable th, .subtable td { font-size: 8.5pt; padding: 2px 6px; }
        .rag { display: inline-block; padding: 1px 6px; font-weight: bold; border-radius: 2px; white-space: nowrap; }
        .rag-blue { background: #1d70b8; color: #fff; } .rag-green { background: #00703c; color: #fff; }
        .rag-amber { background: #ffdd00; color: #0b0c0c; } .rag-red { background: #d4351c; color: #fff; }
        .rag-no-target, .rag-no-data { background: #f3f2f1; color: #0b0c0c; border: 1px solid #505a5f; }
        .dot { white-space: nowrap; }
        .spc-icons { white-space: nowrap; } svg.spc-icon { vertical-align: middle; margin-right: 2px; }
        svg.spark { display: block; } svg.spark .values { stroke-width: 1.5; } svg.spark .point { fill: #0b0c0c; }
        svg.spark .signal { fill: #fff; stroke: #0b0c0c; stroke-width: 1; } svg.spark .concern { fill: #0b0c0c; }
        figure.chart { margin: 0 0 16px; break-inside: avoid; } figcaption { font-size: 9pt; }
        svg .axis { stroke: #0b0c0c; } svg .values { fill: none; stroke: #0b0c0c; stroke-width: 2; }
        svg .target { fill: none; stroke: #505a5f; stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg .spc-mean { fill: none; stroke: #b1b4b6; stroke-width: 1.5; }
        svg .spc-limit { fill: none; stroke: #b1b4b6; stroke-width: 1.5; stroke-dasharray: 2 2 8 2; }
        svg .rebase { stroke: #505a5f; stroke-width: 1; stroke-dasharray: 4 3; }
        figure.chart .signal { fill: none; stroke: #0b0c0c; stroke-width: 1.5; }
        figure.chart .signal.concern { stroke-width: 3; }
        svg .national { fill: none; stroke: #1d70b8; stroke-width: 2; stroke-dasharray: 2 3; }
        svg .label { font-size: 13px; fill: #0b0c0c; } svg .grid { stroke: #d8dadb; stroke-width: 1; }
        .chart-title { display: block; font-weight: bold; } .chart-scroll { overflow-x: auto; }
        .chart-scroll svg { min-width: 600px; } .chart-key { font-size: 9pt; margin: 2px 0 4px; }
        svg .point { stroke: #0b0c0c; stroke-width: 1; }
        .rag-fill-blue { fill: #1d70b8; } .rag-fill-green { fill: #00703c; } .rag-fill-amber { fill: #ffdd00; }
        .rag-fill-red { fill: #d4351c; } .rag-fill-none, .rag-fill-no-target, .rag-fill-no-data { fill: #fff; }
        details summary { font-size: 9pt; cursor: pointer; color: #1d70b8; text-decoration: underline; }
        .provenance { font-size: 9pt; color: #484949; margin-top: 24px; }
        @media print { main { max-width: none; padding: 0; } details { display: none; } }

        """;
}
