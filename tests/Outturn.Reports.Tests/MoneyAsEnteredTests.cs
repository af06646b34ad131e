using Outturn.Domain.Reporting;
using Outturn.Reports.Model;

namespace Outturn.Reports.Tests;

/// <summary>The demo's savings (FI05) are entered in £m in the latest year, as finance officers write them, and the
/// measure fixes no decimal places: every report prints them as entered, and the trend's words print the
/// pounds.</summary>
public class MoneyAsEnteredTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static string RowText(ReportDocument doc) =>
        string.Join(
            " | ",
            doc.Sections.SelectMany(s => s.Subsections.Prepend(s))
                .SelectMany(s => s.Blocks.OfType<TableBlock>())
                .SelectMany(t => t.Rows)
                .First(r => r.ItemRef == "FI05")
                .Cells.Select(c => c.Text)
        );

    [Fact]
    public async Task Savings_in_millions_print_as_entered()
    {
        var dashboard = RowText(await demo.BuildAsync(ReportLayout.Dashboard, "2018-03"));
        Assert.Contains("£5.00m", dashboard, StringComparison.Ordinal);
        Assert.Contains("£4.28m (Q3 2017/18)", dashboard, StringComparison.Ordinal);
        Assert.Contains("£5.07m (Q4 2017/18)", dashboard, StringComparison.Ordinal);
        Assert.Contains("to Q4 2017/18 £5,070,000;", dashboard, StringComparison.Ordinal);

        var quarterly = RowText(await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q4"));
        Assert.Contains("£5.0m | £5.00m | £5.07m (provisional)", quarterly, StringComparison.Ordinal);
    }
}
