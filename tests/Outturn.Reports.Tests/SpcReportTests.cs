using Outturn.Domain.Reporting;
using Outturn.Domain.Statistics;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The quarterly and annual reports say what statistical process control makes of each indicator; the
/// quarterly key explains it.</summary>
public class SpcReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Theory]
    [InlineData(ReportLayout.Quarterly, "2017/18 Q4")]
    [InlineData(ReportLayout.Annual, "2017/18")]
    public async Task Each_indicator_has_its_variation_and_assurance_in_words(ReportLayout layout, string period)
    {
        var input = await demo.InputAsync(layout, period);
        var doc = ReportBuilder.Build(input);
        if (layout == ReportLayout.Quarterly)
        {
            var key = doc.Sections.Single(s => s.Title == "Key");
            var legend = key.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Statistical process control");
            Assert.Contains(legend.Rows, r => r.Cells[0].Text == MeasureSpc.Words(SpcVariation.Concern));
        }

        var rows = doc
            .Sections.Where(s => !s.IsKey)
            .SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks)
            .OfType<TableBlock>()
            .Where(t => t.Columns[^1].Header == "Statistical process control")
            .SelectMany(t => t.Rows)
            .ToList();
        var checkedRows = 0;
        foreach (var row in rows)
        {
            var item = input.Items.Single(i => i.Ref == row.ItemRef);
            var chart = item.Spc()?.Chart;
            var cell = row.Cells[^1].Text;
            if (chart is null)
            {
                Assert.Equal("-", cell);
                continue;
            }

            checkedRows++;
            Assert.StartsWith(MeasureSpc.Words(chart.Variation), cell, StringComparison.Ordinal);
            Assert.Equal(chart.Assurance is not null, cell.Contains("; will ", StringComparison.Ordinal));
            Assert.Equal(chart.TrialLimits, cell.EndsWith("(trial limits)", StringComparison.Ordinal));
        }

        Assert.True(checkedRows > 10);
        Assert.Contains(
            "<th scope=\"col\">Statistical process control</th>",
            HtmlWriter.Write(doc),
            StringComparison.Ordinal
        );
    }
}
