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
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);

        var result = await Axe.RunAsync(page);
        Assert.True(result.Violations.Count == 0, result.Describe());
        Assert.True(result.Passes > 0, "axe-core passed no rule: did it run?");
    }

    /// <summary>The in-page run (<see cref="Axe.RunAsync"/>) finds the same rules broken as Deque's
    /// <c>RunAxe</c>, on a page that breaks several.</summary>
    [Fact]
    public async Task The_in_page_axe_run_finds_what_deques_finds()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(
            """
            <html><body>
            <img src="data:,"><input type="text"><a href="/x"></a>
            <p style="color:#777;background:#888">Low contrast</p>
            <table><tr><th>Measure</th></tr></table><ul><div>not a list item</div></ul>
            </body></html>
            """
        );

        var quick = await Axe.RunAsync(page);
        var deques = await page.RunAxe(Axe.DequeOptions());

        Assert.True(quick.Violations.Count >= 5, quick.Describe());
        Assert.Equal(deques.Violations.Select(v => v.Id).Order(), quick.Violations.Select(v => v.Id).Order());
        Assert.Equal(deques.Violations.Select(v => v.Nodes.Length).Sum(), quick.Violations.Select(v => v.Nodes).Sum());
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(PdfWriter.LaunchOptions);
}
