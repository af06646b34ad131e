using Outturn.Domain.Reporting;
using Outturn.Domain.Statistics;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The quarterly report says what statistical process control makes of each indicator, with a key.</summary>
public class SpcReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Each_indicator_has_its_variation_and_assurance_in_words_and_the_key_explains_them()
    {
        var input = await demo.InputAsync(ReportLayout.Quarterly, "2017/18 Q4");
        var doc = ReportBuilder.Build(input);
        var key = doc.Sections.Single(s => s.Title == "Key");
        var legend = key.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Statistical process control");
        Assert.Contains(legend.Rows, r => r.Cells[0].Text == MeasureSpc.Words(SpcVariation.Concern));

        var rows = doc
            .Sections.Where(s => !s.IsKey)
            .SelectMany(s => s.Blocks)
            .OfType<TableBlock>()
            .SelectMany(t => t.Rows);
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
