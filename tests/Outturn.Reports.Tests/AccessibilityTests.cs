using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Outturn.Domain.Reporting;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>Every layout's HTML passes axe-core's WCAG 2.2 A and AA rules in real Chromium.</summary>
public class AccessibilityTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Theory]
    [InlineData(ReportLayout.Dashboard, "2018-03", null)]
    [InlineData(ReportLayout.Quarterly, "2017/18 Q1", null)]
    [InlineData(ReportLayout.Annual, "2017/18", null)]
    [InlineData(ReportLayout.Dashboard, "2017-06", "Children and Learning Scrutiny")]
    [InlineData(ReportLayout.Exceptions, "2018-03", "Cabinet")]
    [InlineData(ReportLayout.Comparison, "2017/18", null)]
    public async Task Html_reports_have_no_wcag_22_aa_violations(ReportLayout layout, string period, string? committee)
    {
        var html = HtmlWriter.Write(await demo.BuildAsync(layout, period, committee));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = PdfWriter.ChromiumPath,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);

        var result = await page.RunAxe(
            new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions
                {
                    Type = "tag",
                    Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
                },
            }
        );

        Assert.True(
            result.Violations.Length == 0,
            string.Join(
                "\n",
                result.Violations.Select(v =>
                    $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})"
                )
            )
        );
        Assert.NotEmpty(result.Passes);
    }
}
