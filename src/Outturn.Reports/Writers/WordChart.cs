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

    public static W.Paragraph Add(MainDocumentPart main, ChartBlock chart, uint id)
    {
        var part = main.AddNewPart<ChartPart>();
        part.ChartSpace = Space(chart);
        var inline = new DW.Inline(
            new DW.Extent { Cx = Width, Cy = Height },
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
                Title = chart.Title,
                Description = chart.Description,
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
            new C.CategoryAxis(
                new C.AxisId { Val = 1 },
                new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.Low },
                new C.CrossingAxis { Val = 2 },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.AutoLabeled { Val = true },
                new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                new C.LabelOffset { Val = 100 }
            ),
            new C.ValueAxis(
                new C.AxisId { Val = 2 },
                scale is null
                    ? new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax })
                    : new C.Scaling(
                        new C.Orientation { Val = C.OrientationValues.MinMax },
                        new C.MaxAxisValue { Val = (double)scale.Max },
                        new C.MinAxisValue { Val = (double)scale.Min }
                    ),
                new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left },
                new C.MajorGridlines(
                    new C.ChartShapeProperties(
                        new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D8DADB" })) { Width = 6350 }
                    )
                ),
                new C.NumberingFormat { FormatCode = NumberFormat(chart.Unit, scale), SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 1 },
                new C.Crosses { Val = C.CrossesValues.AutoZero },
                new C.CrossBetween { Val = C.CrossBetweenValues.Between },
                new C.MajorUnit { Val = scale is null ? 1 : (double)scale.Step }
            )
        );

        return new C.ChartSpace(
            new C.EditingLanguage { Val = "en-GB" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(
                    new C.ChartText(
                        new C.RichText(
                            new A.BodyProperties(),
                            new A.ListStyle(),
                            new A.Paragraph(new A.Run(new A.Text(chart.Title)))
                        )
                    ),
                    new C.Overlay { Val = false }
                ),
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

    private static C.Values Values(List<decimal?> values)
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

        return new C.Values(literal);
    }
}
