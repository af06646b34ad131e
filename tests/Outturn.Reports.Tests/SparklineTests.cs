using Outturn.Domain.Reporting;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The dashboard's default trend: a small line in each measure's row, with the same figures in words for
/// every format that cannot draw it and for screen readers.</summary>
public class SparklineTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Each_measure_row_ends_with_its_trend_drawn_and_in_words_and_no_chart_follows()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03");
        var tables = doc
            .Sections.SelectMany(s => s.Subsections)
            .SelectMany(s => s.Blocks)
            .OfType<TableBlock>()
            .Where(t => t.Columns[0].Header == "Measure")
            .ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.Equal("Trend", t.Columns[^1].Header));
        Assert.DoesNotContain(
            doc.Sections.SelectMany(s => s.Subsections).SelectMany(s => s.Blocks),
            b => b is ChartBlock
        );

        var trends = tables.SelectMany(t => t.Rows).Select(r => r.Cells[^1]).ToList();
        var drawn = trends.Where(c => c.Trend is not null).ToList();
        Assert.True(drawn.Count > trends.Count / 2);
        Assert.All(
            drawn,
            c =>
            {
                var figures = c.Trend!.Values.OfType<decimal>().ToList();
                Assert.StartsWith($"{figures.Count} figures, ", c.Text, StringComparison.Ordinal);
                Assert.InRange(c.Trend.Values.Count, 2, 13);
            }
        );
        Assert.All(
            trends.Where(c => c.Trend is null),
            c => Assert.Contains(c.Text, new[] { "No figures", "One figure" })
        );
        // Beside each trend, what statistical process control makes of it, as icons and words; the trend marks its
        // special-cause points.
        Assert.All(tables, t => Assert.Equal("Statistical process control", t.Columns[^2].Header));
        var input = await demo.InputAsync(ReportLayout.Dashboard, "2018-03");
        var spc = tables.SelectMany(t => t.Rows).Select(r => (r.ItemRef, Cell: r.Cells[^2])).ToList();
        Assert.All(
            spc,
            x =>
            {
                var chart = input.Items.Single(i => i.Ref == x.ItemRef).Spc()?.Chart;
                Assert.Equal(chart?.Variation, x.Cell.Spc?.Variation);
                Assert.Equal(chart?.Assurance, x.Cell.Spc?.Assurance);
                Assert.StartsWith(
                    chart is null ? "-" : Domain.Statistics.MeasureSpc.Words(chart.Variation),
                    x.Cell.Text,
                    StringComparison.Ordinal
                );
            }
        );
        Assert.Contains(spc, x => x.Cell.Spc is not null);
        var html = HtmlWriter.Write(doc);
        var marked = drawn.Sum(c =>
            c.Trend!.Values.Zip(c.Trend.Signals!)
                .Count(x => x.First is not null && x.Second != Domain.Statistics.SpcVariation.CommonCause)
        );
        Assert.True(marked > 0, "the demo's dashboard has no special-cause point to mark");
        Assert.Equal(marked, System.Text.RegularExpressions.Regex.Count(html, "<rect class=\"signal"));
        var concerns = input.Items.Count(i => i.Spc()?.Chart.Variation == Domain.Statistics.SpcVariation.Concern);
        var glance = doc.Sections[0].Blocks.OfType<ParagraphBlock>().Select(p => p.Text).ToList();
        Assert.Contains(
            glance,
            t => t.StartsWith($"Statistical process control: {concerns} measure", StringComparison.Ordinal)
        );
        // Eight columns with the trend: printed across the page.
        Assert.True(doc.PrintsLandscape);

        // The full charts are still there when asked for, and the rows then have no trend column.
        var full = ReportBuilder.Build(
            (await demo.InputAsync(ReportLayout.Dashboard, "2018-03")) with
            {
                Charts = ChartStyle.Full,
            }
        );
        Assert.Contains(full.Sections.SelectMany(s => s.Subsections).SelectMany(s => s.Blocks), b => b is ChartBlock);
        Assert.DoesNotContain(
            full.Sections.SelectMany(s => s.Subsections).SelectMany(s => s.Blocks).OfType<TableBlock>(),
            t => t.Columns[^1].Header == "Trend"
        );
    }

    [Fact]
    public void A_period_without_a_figure_breaks_the_line_and_the_words_name_the_image()
    {
        var doc = new ReportDocument(
            "Dashboard",
            "March 2018",
            [
                new ReportSection(
                    "Housing",
                    [
                        new TableBlock(
                            "Measures",
                            [new ReportColumn("Measure"), new ReportColumn("Trend")],
                            [
                                new ReportRow([
                                    "Re-lets",
                                    new ReportCell("4 figures, January 2018 1 to April 2018 4; lowest 1, highest 4")
                                    {
                                        Trend = new Sparkline([1m, 2m, null, 3m, 4m]),
                                    },
                                ]),
                            ]
                        ),
                    ]
                ),
            ]
        );

        foreach (var html in new[] { HtmlWriter.Write(doc), HtmlWriter.Fragment(doc) })
        {
            Assert.Contains(
                "<svg class=\"spark\" role=\"img\" width=\"96\" height=\"24\" viewBox=\"0 0 96 24\" "
                    + "aria-label=\"4 figures, January 2018 1 to April 2018 4; lowest 1, highest 4\"><title>",
                html,
                StringComparison.Ordinal
            );
            // Two runs of figures either side of the gap; the lowest figure at the foot, the highest at the top.
            Assert.Contains("<polyline class=\"values\" points=\"3,21 25.5,15\"/>", html, StringComparison.Ordinal);
            Assert.Contains("<polyline class=\"values\" points=\"70.5,9 93,3\"/>", html, StringComparison.Ordinal);
            Assert.Contains("<circle class=\"point\" r=\"2.5\" cx=\"93\" cy=\"3\"/>", html, StringComparison.Ordinal);
        }

        Assert.Contains("4 figures, January 2018 1 to April 2018 4", CsvWriter.Write(doc), StringComparison.Ordinal);
    }
}
