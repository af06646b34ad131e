using Outturn.Data.Storage;
using Outturn.Domain.Periods;
using Outturn.Domain.Reporting;
using Outturn.Domain.Summaries;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class PdfTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Theory]
    [InlineData(ReportLayout.Dashboard, "2018-03", "Towns and Communities Scrutiny")]
    [InlineData(ReportLayout.Quarterly, "2017/18 Q1", null)]
    [InlineData(ReportLayout.Annual, "2017/18", null)]
    [InlineData(ReportLayout.Exceptions, "2018-03", "Cabinet")]
    [InlineData(ReportLayout.Comparison, "2017/18", null)]
    public async Task Pdfs_are_a4_tagged_numbered_with_an_outline_and_the_reports_words(
        ReportLayout layout,
        string period,
        string? committee
    )
    {
        var doc = await demo.BuildAsync(layout, period, committee);
        var path = Path.Combine(DemoFixture.Artefacts, $"{layout.ToString().ToLowerInvariant()}.pdf");
        await ReportFormats.WriteAsync(doc, ReportFormat.Pdf, path);

        var info = await ExternalTools.RunAsync("pdfinfo", path);
        Assert.Contains("Tagged:          yes", info, StringComparison.Ordinal);
        Assert.Matches(@"Page size:\s+(595|842)\.\d+ x (842|595)\.\d+ pts \(A4\)", info);
        Assert.Contains(
            "/Outlines",
            System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path)),
            StringComparison.Ordinal
        );

        var text = await ExternalTools.RunAsync("pdftotext", "-layout", path, "-");
        Assert.Contains(doc.Title, text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of", text, StringComparison.Ordinal);
        Assert.Contains(doc.Sections[^1].Title, text, StringComparison.Ordinal);
        // Ratings in words; the comparison report rates against other councils, in its own words.
        Assert.Contains(layout == ReportLayout.Comparison ? "similar" : "Red", text, StringComparison.Ordinal);

        // No page ends with a heading whose section starts on the next page (pages split by form feeds; the footer,
        // "title … Page n of m", is left out).
        var headings = doc
            .Sections.SelectMany(sec => sec.Subsections.Select(sub => sub.Title).Prepend(sec.Title))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (page, number) in text.Split('\f').Select((p, i) => (p, i + 1)))
        {
            var last = page.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(l, @"Page \d+ of \d+$"))
                .LastOrDefault();
            Assert.False(last is not null && headings.Contains(last), $"page {number} ends with the heading '{last}'");
        }

        // Pages as pictures, for people to look at (kept as test artefacts).
        foreach (var old in Directory.GetFiles(DemoFixture.Artefacts, $"{layout.ToString().ToLowerInvariant()}-*.png"))
        {
            File.Delete(old);
        }

        await ExternalTools.RunAsync(
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "2",
            path,
            Path.Combine(DemoFixture.Artefacts, layout.ToString().ToLowerInvariant())
        );
        // pdftoppm pads page numbers to the width of the page count: -1.png, -01.png.
        Assert.Single(Directory.GetFiles(DemoFixture.Artefacts, $"{layout.ToString().ToLowerInvariant()}-*1.png"));
    }

    [Fact]
    public async Task Table_headers_repeat_on_every_page_of_a_long_table()
    {
        var doc = await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q1");
        var path = Path.Combine(DemoFixture.Artefacts, "quarterly-headers.pdf");
        await ReportFormats.WriteAsync(doc, ReportFormat.Pdf, path);
        var pages = (await ExternalTools.RunAsync("pdftotext", "-layout", path, "-")).Split(
            '\f',
            StringSplitOptions.RemoveEmptyEntries
        );

        Assert.True(pages.Length > 2);
        // Every page after the key carries a table header row, including pages that continue a table.
        Assert.All(
            pages
                .Skip(1)
                .Where(p =>
                    p.Contains("Smaller is better", StringComparison.Ordinal)
                    || p.Contains("Bigger is better", StringComparison.Ordinal)
                ),
            p => Assert.Contains("Indicator", p, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task The_annual_report_prints_the_same_summary_as_outturn_summary()
    {
        var doc = await demo.BuildAsync(ReportLayout.Annual, "2017/18");
        var summaries = await new EvaluationService(demo.Db).SummariseAsync(
            demo.Organisation,
            Period.Parse("2017/18"),
            SummaryGrouping.Priority,
            years: 3
        );
        var csv = CsvWriter.Write(doc);

        foreach (var s in summaries.Where(s => s.Period == Period.Parse("2017/18")))
        {
            Assert.Contains(
                $"{s.Group},{s.Summary.MetOrOnTrackPercent}% ({s.Summary.MetOrOnTrack} of "
                    + $"{s.Summary.ItemsRated}),{s.Summary.ImprovedPercent}% ({s.Summary.Improved} of "
                    + $"{s.Summary.MeasuresWithDirection})",
                csv,
                StringComparison.Ordinal
            );
        }

        var all = summaries.Where(s => s.Group == "All").ToList();
        Assert.Equal(3, all.Count);
        var redLine = csv.Split("\r\n")
            .Single(l =>
                l.Contains(",Red,", StringComparison.Ordinal) && l.StartsWith("Summary,", StringComparison.Ordinal)
            );
        foreach (var year in all)
        {
            Assert.Contains(
                $"{year.Summary.Red} ({year.Summary.RatingPercents[2]}%)",
                redLine,
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public async Task The_dashboard_shows_the_ratings_that_evaluate_gives()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03");
        var evaluations = await new EvaluationService(demo.Db).EvaluateAsync(
            demo.Organisation,
            Period.Parse("2018-03")
        );
        var rows = doc
            .Sections.SelectMany(s => s.Subsections)
            .SelectMany(s => s.Blocks)
            .OfType<Model.TableBlock>()
            .SelectMany(t => t.Rows)
            .ToList();
        foreach (var e in evaluations.Where(e => e.Item.Kind == Domain.Framework.ItemKind.Measure))
        {
            var row = rows.Single(r => r.Cells[0].Text.EndsWith($"({e.Item.Ref})", StringComparison.Ordinal));
            Assert.Equal(e.Evaluation.Rating.Final, row.Cells[2].Rating);
            Assert.Equal(e.Evaluation.DirectionShort, row.Cells[1].Direction);
        }
    }
}
