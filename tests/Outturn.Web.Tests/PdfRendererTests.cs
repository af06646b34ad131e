using Microsoft.Extensions.Caching.Memory;
using Outturn.Reports.Model;

namespace Outturn.Web.Tests;

/// <summary>PDFs print in one shared Chromium, a bounded number at a time; past the queue a request is refused at
/// once; a published report's PDF is printed once.</summary>
public class PdfRendererTests
{
    private static readonly ReportDocument Doc = new(
        "Dashboard",
        "March 2018",
        [new ReportSection("Housing", [new ParagraphBlock("Figures.")])]
    );

    [Fact]
    public async Task No_more_than_the_bound_print_or_wait_and_the_rest_are_refused()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10 });
        await using var renderer = new PdfRenderer(cache);

        var attempts = Enumerable.Range(0, 20).Select(_ => renderer.RenderAsync(Doc, null, default)).ToList();
        var outcomes = await Task.WhenAll(
            attempts.Select(async a =>
            {
                try
                {
                    var pdf = await a;
                    Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
                    return true;
                }
                catch (PdfBusyException)
                {
                    return false;
                }
            })
        );

        Assert.Equal(PdfRenderer.Concurrent + PdfRenderer.Waiting, outcomes.Count(o => o));
        Assert.Equal(PdfRenderer.Concurrent + PdfRenderer.Waiting, renderer.Printed);

        await renderer.RenderAsync(Doc, "published Cabinet 2018-03", default);
        await renderer.RenderAsync(Doc, "published Cabinet 2018-03", default);
        Assert.Equal(PdfRenderer.Concurrent + PdfRenderer.Waiting + 1, renderer.Printed);
    }
}
