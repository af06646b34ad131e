using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Outturn.Reports.Model;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Outturn.Reports.Writers;

/// <summary>
/// A chart as a native Word chart (DrawingML), which a clerk can restyle in Word, with the chart's description as
/// its alternative text. Trends are lines (figure and target); distributions are columns.
/// </summary>
internal static class WordChart
{
    private const long Width = 5_760_000; // 16 cm in EMUs
    private const long Height = 2_160_000; // 6 cm

    public static W.Paragraph Add(MainDocumentPart main, ChartBlock chart, uint id) =>
        Inline(main, Space(chart), chart.Title, chart.Description, id, Height);

    /// <summary>A comparison of areas as a native bar chart: England first, then each area best first, every bar
    /// with its 95% interval as error bars; the organisation's own named "(this council)" and drawn in another
    /// shade.</summary>
    public static W.Paragraph AddComparison(MainDocumentPart main, ComparisonChartBlock chart, uint id)
    {
        var names = new List<string>();
        var values = new List<decimal?>();
        var plus = new List<decimal?>();
        var minus = new List<decimal?>();
        static decimal? D(double? v) => v is { } d && double.IsFinite(d) ? (decimal)Math.Round(d, 6) : null;
        if (chart.England is { } england)
        {
            names.Add("England");
            values.Add(D(england));
            plus.Add(0);
            minus.Add(0);
        }

        var ownAt = -1;
        foreach (var bar in chart.Bars)
        {
            if (bar.Own)
            {
                ownAt = names.Count;
            }

            names.Add(
                bar.Own ? bar.Name + " (this council)"
                : bar.Suppressed ? bar.Name + " (*)"
                : bar.Name
            );
            var value = bar.Suppressed ? null : D(bar.Value);
            values.Add(value);
            plus.Add(value is { } v && D(bar.Upper) is { } hi ? hi - v : 0);
            minus.Add(value is { } w && D(bar.Lower) is { } lo ? w - lo : 0);
        }

        var numbers = values
            .Zip(plus, (v, p) => v + p)
            .Concat(values.Zip(minus, (v, m) => v - m))
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .ToList();
        var scale = numbers.Count == 0 ? null : ChartScale.For(numbers.Min(), numbers.Max(), fromZero: true);
        var series = new C.BarChartSeries(
            new C.Index { Val = 0 },
            new C.Order { Val = 0 },
            new C.SeriesText(new C.NumericValue("Figure")),
            new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = "B1B4B6" })),
            new C.InvertIfNegative { Val = false }
        );
        void Shade(int index, string colour) =>
            series.Append(
                new C.DataPoint(
                    new C.Index { Val = (uint)index },
                    new C.InvertIfNegative { Val = false },
                    new C.Bubble3D { Val = false },
                    new C.ChartShapeProperties(
                        new A.SolidFill(new A.RgbColorModelHex { Val = colour }),
                        new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "0B0C0C" })) { Width = 12700 }
                    )
                )
            );
        if (chart.England is not null)
        {
            Shade(0, "505A5F");
        }

        if (ownAt >= 0)
        {
            Shade(ownAt, "1D70B8");
        }

        series.Append(
            new C.ErrorBars(
                new C.ErrorDirection { Val = C.ErrorBarDirectionValues.Y },
                new C.ErrorBarType { Val = C.ErrorBarValues.Both },
                new C.ErrorBarValueType { Val = C.ErrorValues.Custom },
                new C.NoEndCap { Val = false },
                new C.Plus(Literal(plus)),
                new C.Minus(Literal(minus)),
                new C.ChartShapeProperties(
                    new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "0B0C0C" })) { Width = 12700 }
                )
            ),
            Categories(names),
            Values(values)
        );
        var plot = new C.PlotArea(
            new C.Layout(),
            new C.BarChart(
                new C.BarDirection { Val = C.BarDirectionValues.Bar },
                new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
                new C.VaryColors { Val = false },
                series,
                new C.GapWidth { Val = 60 },
                new C.AxisId { Val = 1 },
                new C.AxisId { Val = 2 }
            ),
            // England and the best area at the top, as the web page lists them.
            CategoryAxis(C.OrientationValues.MaxMin, C.AxisPositionValues.Left),
            ValueAxis(scale, chart.Unit, C.AxisPositionValues.Bottom, C.CrossesValues.Maximum)
        );
        var space = new C.ChartSpace(
            new C.EditingLanguage { Val = "en-GB" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                Title(chart.Title),
                new C.AutoTitleDeleted { Val = false },
                plot,
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }
            )
        );
        // A row for each area, so that every name can be read.
        var height = Math.Max(Height, 720_000 + (names.Count * 216_000L));
        return Inline(main, space, chart.Title, chart.Description, id, height);
    }

    /// <summary>The value axis (id 2, crossing the category axis 1): the scale's round ticks and light gridlines,
    /// figures in the unit's format.</summary>
    /// <summary>The category axis (id 1, crossing the value axis, id 2), its labels below or beside the plot.</summary>
    private static C.CategoryAxis CategoryAxis(C.OrientationValues orientation, C.AxisPositionValues position) =>
        new(
            new C.AxisId { Val = 1 },
            new C.Scaling(new C.Orientation { Val = orientation }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
            new C.CrossingAxis { Val = 2 },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 }
        );

    private static C.ValueAxis ValueAxis(
        ChartScale? scale,
        string unit,
        C.AxisPositionValues position,
        C.CrossesValues crosses
    ) =>
        new(
            new C.AxisId { Val = 2 },
            scale is null
                ? new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax })
                : new C.Scaling(
                    new C.Orientation { Val = C.OrientationValues.MinMax },
                    new C.MaxAxisValue { Val = (double)scale.Max },
                    new C.MinAxisValue { Val = (double)scale.Min }
                ),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position },
            new C.MajorGridlines(
                new C.ChartShapeProperties(
                    new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D8DADB" })) { Width = 6350 }
                )
            ),
            new C.NumberingFormat { FormatCode = NumberFormat(unit, scale), SourceLinked = false },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 1 },
            new C.Crosses { Val = crosses },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between },
            new C.MajorUnit { Val = scale is null ? 1 : (double)scale.Step }
        );

    private static C.Title Title(string text) =>
        new(
            new C.ChartText(
                new C.RichText(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(text))))
            ),
            new C.Overlay { Val = false }
        );

    private static W.Paragraph Inline(
        MainDocumentPart main,
        C.ChartSpace space,
        string title,
        string description,
        uint id,
        long height
    )
    {
        var part = main.AddNewPart<ChartPart>();
        part.ChartSpace = space;
        var inline = new DW.Inline(
            new DW.Extent { Cx = Width, Cy = height },
            new DW.EffectExtent
            {
                LeftEdge = 0,
                TopEdge = 0,
                RightEdge = 0,
                BottomEdge = 0,
            },
            new DW.DocProperties
            {
                Id = id,
                Name = $"Chart {id}",
                Title = title,
                Description = description,
            },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(
                new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) })
                {
                    Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
                }
            )
        )
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        };
        return new W.Paragraph(
            new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Chart" }),
            new W.Run(new W.Drawing(inline))
        );
    }

    private static C.ChartSpace Space(ChartBlock chart)
    {
        var bars = chart.Unit == "Bars";
        var unnamed = new List<uint>();
        var categories = chart
            .Points.Select(p => Domain.Periods.Period.TryParse(p.Period, out var period) ? period.ShortLabel : p.Period)
            .ToList();
        // The same round ticks as the web page and the PDF draw, in the measure's unit.
        var numbers = chart
            .Points.SelectMany(p => new[] { p.Value, p.Target, p.National })
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .ToList();
        var scale = numbers.Count == 0 ? null : ChartScale.For(numbers.Min(), numbers.Max(), fromZero: bars);
        var plot = new C.PlotArea(new C.Layout());
        if (bars)
        {
            plot.Append(
                new C.BarChart(
                    new C.BarDirection { Val = C.BarDirectionValues.Column },
                    new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
                    new C.VaryColors { Val = false },
                    BarSeries(categories, chart.Points.Select(p => p.Value).ToList()),
                    new C.GapWidth { Val = 80 },
                    new C.AxisId { Val = 1 },
                    new C.AxisId { Val = 2 }
                )
            );
        }
        else
        {
            var line = new C.LineChart(
                new C.Grouping { Val = C.GroupingValues.Standard },
                new C.VaryColors { Val = false }
            );
            // A year-to-date measure's lines start again each year: one series per year (Word leaves the gaps
            // between them), named once in the key.
            uint next = 0;
            void Add(
                string name,
                Func<ChartPoint, decimal?> get,
                bool dashed,
                string? colour,
                A.PresetLineDashValues? dash
            )
            {
                var values = chart.Points.Select(get).ToList();
                if (values.All(v => v is null))
                {
                    return;
                }

                var first = true;
                foreach (var piece in YearPieces(chart.Points, values))
                {
                    line.Append(LineSeries(next, name, categories, piece, dashed, colour, dash));
                    if (!first)
                    {
                        unnamed.Add(next);
                    }

                    first = false;
                    next++;
                }
            }

            Add("Figure", p => p.Value, dashed: false, null, null);
            Add("Target", p => p.Target, dashed: true, null, null);
            Add("England", p => p.National, dashed: true, "1D70B8", A.PresetLineDashValues.SystemDot);
            line.Append(new C.ShowMarker { Val = true }, new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
            plot.Append(line);
        }

        plot.Append(
            CategoryAxis(C.OrientationValues.MinMax, C.AxisPositionValues.Bottom),
            ValueAxis(scale, chart.Unit, C.AxisPositionValues.Left, C.CrossesValues.AutoZero)
        );

        return new C.ChartSpace(
            new C.EditingLanguage { Val = "en-GB" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                Title(chart.Title),
                new C.AutoTitleDeleted { Val = false },
                plot,
                new C.Legend([
                    new C.LegendPosition { Val = C.LegendPositionValues.Bottom },
                    .. unnamed.Select(i => new C.LegendEntry(new C.Index { Val = i }, new C.Delete { Val = true })),
                    new C.Overlay { Val = false },
                ]),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }
            )
        );
    }

    /// <summary>A series' values cut where a year-to-date measure's year starts again: each piece keeps its own
    /// year's values and is blank elsewhere; a series with no such start is one piece.</summary>
    private static List<List<decimal?>> YearPieces(IReadOnlyList<ChartPoint> points, List<decimal?> values)
    {
        var starts = points.Select((p, i) => (p, i)).Where(x => x.p.StartsYear && x.i > 0).Select(x => x.i).ToList();
        var bounds = new List<int> { 0 };
        bounds.AddRange(starts);
        bounds.Add(points.Count);
        return
        [
            .. bounds
                .Zip(bounds.Skip(1))
                .Select(b => values.Select((v, i) => i >= b.First && i < b.Second ? v : null).ToList())
                .Where(piece => piece.Any(v => v is not null)),
        ];
    }

    /// <summary>The value axis's number format: the places the step needs, a % sign or £ as the unit has.</summary>
    private static string NumberFormat(string unit, ChartScale? scale)
    {
        var places = 0;
        for (var s = scale?.Step ?? 1; s != Math.Floor(s) && places < 6; s *= 10)
        {
            places++;
        }

        var number = places == 0 ? "#,##0" : "#,##0." + new string('0', places);
        return unit switch
        {
            "Percentage" => number + "\"%\"",
            "Money" => "\"£\"" + number,
            _ => number,
        };
    }

    private static C.LineChartSeries LineSeries(
        uint index,
        string name,
        List<string> categories,
        List<decimal?> values,
        bool dashed,
        string? colour = null,
        A.PresetLineDashValues? dash = null
    )
    {
        var outline = new A.Outline(
            new A.SolidFill(new A.RgbColorModelHex { Val = colour ?? (dashed ? "505A5F" : "0B0C0C") })
        )
        {
            Width = 19050,
        };
        if (dashed)
        {
            outline.Append(new A.PresetDash { Val = dash ?? A.PresetLineDashValues.Dash });
        }

        return new C.LineChartSeries(
            new C.Index { Val = index },
            new C.Order { Val = index },
            new C.SeriesText(new C.NumericValue(name)),
            new C.ChartShapeProperties(outline),
            new C.Marker(new C.Symbol { Val = dashed ? C.MarkerStyleValues.None : C.MarkerStyleValues.Circle }),
            Categories(categories),
            Values(values),
            new C.Smooth { Val = false }
        );
    }

    private static C.BarChartSeries BarSeries(List<string> categories, List<decimal?> values) =>
        new(
            new C.Index { Val = 0 },
            new C.Order { Val = 0 },
            new C.SeriesText(new C.NumericValue("Measures")),
            new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = "505A5F" })),
            new C.InvertIfNegative { Val = false },
            Categories(categories),
            Values(values)
        );

    private static C.CategoryAxisData Categories(List<string> categories)
    {
        var literal = new C.StringLiteral(new C.PointCount { Val = (uint)categories.Count });
        for (var i = 0; i < categories.Count; i++)
        {
            literal.Append(new C.StringPoint(new C.NumericValue(categories[i])) { Index = (uint)i });
        }

        return new C.CategoryAxisData(literal);
    }

    private static C.Values Values(List<decimal?> values) => new(Literal(values));

    private static C.NumberLiteral Literal(List<decimal?> values)
    {
        var literal = new C.NumberLiteral(new C.FormatCode("General"), new C.PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                literal.Append(
                    new C.NumericPoint(new C.NumericValue(v.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i }
                );
            }
        }

        return literal;
    }
}
