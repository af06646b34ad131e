using DocumentFormat.OpenXml.Packaging;
using Outturn.Domain.Rating;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>The exception report: every red and amber item of a committee, with owner, commentary and corrective
/// action, in every format.</summary>
public class ExceptionsTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Lists_every_red_then_amber_item_with_its_owner_and_what_is_done()
    {
        var doc = await demo.BuildAsync(ReportLayout.Exceptions, "2018-03", "Cabinet");
        var dashboard = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03", "Cabinet");
        Assert.Equal("Cabinet Exception Report", doc.Title);
        Assert.Equal(["Summary", "Red (off target)", "Amber (close to target)"], doc.Sections.Select(s => s.Title));

        // The same red and amber items as the committee's dashboard rates so, in the same order.
        static IEnumerable<string> Rated(ReportDocument d, Rag rag) =>
            d
                .Sections.SelectMany(s => s.Subsections.Prepend(s))
                .SelectMany(s => s.Blocks.OfType<TableBlock>())
                .SelectMany(t => t.Rows)
                .Where(r => r.ItemRef is not null && r.Cells.Any(c => c.Rating == rag))
                .Select(r => r.ItemRef!);
        Assert.NotEmpty(Rated(dashboard, Rag.Red));
        Assert.Equal(Rated(dashboard, Rag.Red), Rated(doc, Rag.Red));
        Assert.Equal(Rated(dashboard, Rag.Amber), Rated(doc, Rag.Amber));

        var red = doc.Sections[1].Blocks.OfType<TableBlock>().Single();
        Assert.Equal(
            ["Item", "Owner", "RAG", "Target", "Latest figure", "Commentary", "Corrective action"],
            red.Columns.Select(c => c.Header)
        );
        Assert.All(red.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Cells[1].Text)));
        Assert.Contains(
            "red or amber for March 2018",
            ((ParagraphBlock)doc.Sections[0].Blocks[0]).Text,
            StringComparison.Ordinal
        );
        Assert.True(doc.PrintsLandscape);

        // CSV and Excel carry it too.
        var csv = CsvWriter.Write(doc).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Rated(doc, Rag.Red).Count() + Rated(doc, Rag.Amber).Count(), csv.Length - 1);
        using var stream = new MemoryStream();
        XlsxWriter.Write(doc, stream);
        stream.Position = 0;
        using var workbook = SpreadsheetDocument.Open(stream, false);
        Assert.Contains(
            workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>(),
            s => s.Name == "Red (off target)"
        );
    }
}
