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
}
