using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

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
}
