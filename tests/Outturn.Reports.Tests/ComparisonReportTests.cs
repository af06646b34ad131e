using Outturn.Domain.Reporting;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The demo's linked measures carry their comparison with other councils into the dashboard, under their row
/// with the analysis (the compact dashboard keeps its columns), from the national figures' latest period ending by the
/// report's.</summary>
public class ComparisonReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task The_dashboard_says_how_each_linked_measure_compares_and_only_there()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03", "Adult Social Care and Health Scrutiny");
        var input = await demo.InputAsync(ReportLayout.Dashboard, "2018-03", "Adult Social Care and Health Scrutiny");
        var tables = doc
            .Sections.SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks.OfType<TableBlock>());

        var health = tables.Single(t => t.Caption == "Public health: measures");
        var ph05 = health.Rows.Single(r => r.ItemRef == "PH05");
        var expected = input.Items.Single(i => i.Ref == "PH05").Compared!;

        Assert.Equal("2016/17", expected.Period.ToString());
        Assert.Contains(
            $"Compared with other councils: {Domain.Comparisons.Comparison.Ordinal(expected.Result.Rank!.Value)} of 15 "
                + "(CIPFA nearest neighbours, 2016/17); average ",
            ph05.Detail,
            StringComparison.Ordinal
        );
        Assert.Contains("England 17.6 per 1,000, similar", ph05.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(
            "Compared with",
            health.Rows.Single(r => r.ItemRef == "PH04").Detail ?? "",
            StringComparison.Ordinal
        );
        Assert.Equal("Trend", health.Columns[^1].Header);

        // A report for a year before the national figures compares nothing.
        var early = await demo.InputAsync(ReportLayout.Dashboard, "2015-03", "Adult Social Care and Health Scrutiny");
        Assert.All(early.Items, i => Assert.Null(i.Compared));
    }

    [Fact]
    public async Task The_quarterly_report_has_a_comparison_column_only_where_its_measures_are_compared()
    {
        var doc = await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q4");
        var tables = doc
            .Sections.SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks.OfType<TableBlock>())
            .Where(t => t.Caption.Contains(": indicators for", StringComparison.Ordinal))
            .ToList();

        var health = tables.Single(t =>
            t.Caption.StartsWith("Adult Social Care and Health Scrutiny", StringComparison.Ordinal)
        );
        var towns = tables.Single(t =>
            t.Caption.StartsWith("Towns and Communities Scrutiny", StringComparison.Ordinal)
        );
        var column = health.Columns.ToList().FindIndex(c => c.Header == "Compared with other councils");

        Assert.Equal(health.Columns.Count - 2, column);
        Assert.Equal("Statistical process control", health.Columns[^1].Header);
        Assert.StartsWith(
            "8th of 15 (CIPFA nearest neighbours, 2016/17)",
            health.Rows.Single(r => r.ItemRef == "PH05").Cells[column].Text,
            StringComparison.Ordinal
        );
        Assert.Equal("-", health.Rows.Single(r => r.ItemRef == "AS01").Cells[column].Text);
        Assert.DoesNotContain(towns.Columns, c => c.Header == "Compared with other councils");
        Assert.All(tables, t => Assert.All(t.Rows, r => Assert.Equal(t.Columns.Count, r.Cells.Count)));
    }

    [Fact]
    public async Task The_comparison_report_lists_each_linked_measure_against_its_group_england_and_region()
    {
        var input = await demo.InputAsync(ReportLayout.Comparison, "2017/18");
        var doc = Outturn.Reports.ReportBuilder.Build(input);
        var rows = doc.Sections.SelectMany(s => s.Blocks.OfType<TableBlock>()).SelectMany(t => t.Rows).ToList();

        Assert.Equal(["YO01", "PH01", "PH02", "PH05"], rows.Select(r => r.ItemRef));
        var ph05 = rows.Single(r => r.ItemRef == "PH05");
        var expected = input.Items.Single(i => i.Ref == "PH05").Compared!.Result;
        Assert.Equal(
            $"{Domain.Comparisons.Comparison.Ordinal(expected.Rank!.Value, expected.Joint)} of {expected.GroupSize}",
            ph05.Cells[4].Text
        );
        Assert.Equal(expected.Quartile, (int?)ph05.Cells[5].Number);
        Assert.EndsWith(
            ", " + Domain.Comparisons.Comparison.Word(expected.VsEngland),
            ph05.Cells[8].Text,
            StringComparison.Ordinal
        );
        Assert.True(doc.Landscape);
        // Fingertips' recent-trend test of the council's last five national figures: the demo has five years of
        // air pollution (falling, lower is better) and of conceptions (no significant change), two of activity.
        Assert.Equal(
            [
                ("PH01", "Cannot be calculated"),
                ("PH02", "Decreasing and getting better"),
                ("PH05", "No significant change"),
            ],
            rows.Where(r => r.ItemRef != "YO01").Select(r => (r.ItemRef, r.Cells[^1].Text))
        );

        var before = Outturn.Reports.ReportBuilder.Build(await demo.InputAsync(ReportLayout.Comparison, "2014/15"));
        Assert.Contains(
            before.Sections.SelectMany(s => s.Blocks.OfType<ParagraphBlock>()),
            p => p.Text.StartsWith("No measure is compared", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task The_comparison_report_draws_each_measures_group_in_every_format()
    {
        var input = await demo.InputAsync(ReportLayout.Comparison, "2017/18");
        var doc = Outturn.Reports.ReportBuilder.Build(input);
        var charts = doc.Sections.SelectMany(s => s.Blocks.OfType<ComparisonChartBlock>()).ToList();
        var ph05 = charts.Single(c => c.ItemRef == "PH05");
        var compared = input.Items.Single(i => i.Ref == "PH05").Compared!;

        // Every area of the group, best first, the council's own marked, Midsomer's small count last and not shown.
        Assert.Equal(compared.Members.Count, ph05.Bars.Count);
        Assert.Equal("Borsetshire", Assert.Single(ph05.Bars, b => b.Own).Name);
        Assert.Equal(("Midsomer", true, "*"), (ph05.Bars[^1].Name, ph05.Bars[^1].Suppressed, ph05.Labels[^1]));
        var drawn = ph05.Bars.Where(b => !b.Suppressed).Select(b => b.Value!.Value).ToList();
        Assert.Equal(drawn.Order().ToList(), drawn); // lower is better: lowest first
        Assert.Equal(compared.Result.EnglandValue, ph05.England);
        Assert.Equal(compared.Result.RankText, ph05.Description.Split("this council is ")[1].Split(';')[0]);

        // The web page and the PDF draw it as SVG with its title, followed by its figures as a table.
        var html = HtmlWriter.Write(doc);
        Assert.Contains("class=\"comparison-chart\"", html, StringComparison.Ordinal);
        Assert.Contains($">{System.Net.WebUtility.HtmlEncode(ph05.Title)}</title>", html, StringComparison.Ordinal);
        Assert.Contains("Borsetshire (this council)", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ph05.Title) + ": the figures", html, StringComparison.Ordinal);

        // Word: a native bar chart per measure, England and every area a bar with its interval as error bars.
        using var stream = new MemoryStream();
        DocxWriter.Write(doc, stream);
        stream.Position = 0;
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false);
        var main = word.MainDocumentPart!;
        var barCharts = main
            .ChartParts.Select(p => p.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChart>().Single())
            .Where(b =>
                b.GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.BarDirection>()!.Val!.Value
                == DocumentFormat.OpenXml.Drawing.Charts.BarDirectionValues.Bar
            )
            .ToList();
        Assert.Equal(charts.Count, barCharts.Count);
        var names = barCharts
            .Select(b =>
                b.Descendants<DocumentFormat.OpenXml.Drawing.Charts.CategoryAxisData>()
                    .Single()
                    .Descendants<DocumentFormat.OpenXml.Drawing.Charts.StringPoint>()
                    .Select(p => p.InnerText)
                    .ToList()
            )
            .Single(n => n.Contains("Midsomer (*)"));
        Assert.Equal(
            [
                "England",
                .. ph05.Bars.Select(b =>
                    b.Own ? b.Name + " (this council)"
                    : b.Suppressed ? b.Name + " (*)"
                    : b.Name
                ),
            ],
            names
        );
        Assert.All(barCharts, b => Assert.Single(b.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ErrorBars>()));
        Assert.Contains(
            main.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>(),
            p => p.Title == ph05.Title && p.Description == ph05.Description
        );
    }
}
