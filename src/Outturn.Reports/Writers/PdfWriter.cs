using Microsoft.Playwright;

namespace Outturn.Reports.Writers;

/// <summary>
/// Prints a report's HTML to PDF with headless Chromium (Debian's package, driven by Playwright): A4, page numbers
/// in the footer, table headers repeated on each page (by the page's CSS), tagged for accessibility, with a
/// document outline from the headings.
/// </summary>
public sealed class PdfWriter : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PdfWriter(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>Where Chromium is: $OUTTURN_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("OUTTURN_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>How Chromium is started, headless, for PDFs (and by the tests that check pages in it).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions =>
        new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no network: without these Chromium keeps trying to reach Google's services.
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        };

    public static async Task<PdfWriter> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new OutturnException(
                $"PDF needs Chromium, which is not at {ChromiumPath}: install Debian's 'chromium' package, or set "
                    + $"OUTTURN_CHROMIUM."
            );
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(LaunchOptions);
        return new PdfWriter(playwright, browser);
    }

    public async Task<byte[]> WriteAsync(string html, string title, bool landscape = false)
    {
        var page = await _browser.NewPageAsync();
        try
        {
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            var footer =
                "<div style=\"font-size:8pt;width:100%;padding:0 "
                + "12mm;display:flex;justify-content:space-between;font-family:Arial,sans-serif\">"
                + $"<span>{System.Net.WebUtility.HtmlEncode(title)}</span><span>Page <span "
                + $"class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>";
            return await page.PdfAsync(
                new PagePdfOptions
                {
                    Format = "A4",
                    Landscape = landscape,
                    PrintBackground = true,
                    DisplayHeaderFooter = true,
                    HeaderTemplate = "<span></span>",
                    FooterTemplate = footer,
                    Margin = new Margin
                    {
                        Top = "16mm",
                        Bottom = "18mm",
                        Left = "12mm",
                        Right = "12mm",
                    },
                    PreferCSSPageSize = false,
                    Tagged = true,
                    Outline = true,
                }
            );
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
