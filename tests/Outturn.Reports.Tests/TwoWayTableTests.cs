using DocumentFormat.OpenXml.Packaging;
using Outturn.Domain.Reporting;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;
using Word = DocumentFormat.OpenXml.Wordprocessing;
using Xl = DocumentFormat.OpenXml.Spreadsheet;

namespace Outturn.Reports.Tests;

/// <summary>The demo's housing register (HO06) carries the register by band and bedroom need with its figure: every
/// format prints it under the measure's row.</summary>
public class TwoWayTableTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static ReportRow Register(ReportDocument doc) =>
        doc
            .Sections.SelectMany(s => s.Subsections.Prepend(s))
            .SelectMany(s => s.Blocks.OfType<TableBlock>())
            .SelectMany(t => t.Rows)
            .Single(r => r.ItemRef == "HO06");

    [Fact]
    public async Task The_dashboard_prints_the_table_under_the_row_in_every_format()
    {
        var doc = await demo.BuildAsync(ReportLayout.Dashboard, "2018-03");
        var table = Register(doc).Table;
        Assert.NotNull(table);
        Assert.Equal(["Band", "1 bed", "2 bed", "3 bed", "4+ bed", "Total"], table.Columns.Select(c => c.Header));
        Assert.All(table.Columns.Skip(1), c => Assert.Equal(ColumnKind.Number, c.Kind));
        var total = table.Rows[^1].Cells;
        Assert.Equal("Total", total[0].Text);
        // The rows add up to the total row, which is the measure's figure.
        Assert.Equal(total[^1].Number, table.Rows.SkipLast(1).Sum(r => r.Cells[^1].Number));

        foreach (var html in new[] { HtmlWriter.Write(doc), HtmlWriter.Fragment(doc) })
        {
            var at = html.IndexOf(table.Caption, StringComparison.Ordinal);
            Assert.True(at > 0);
            var around = html[(html.LastIndexOf("<table", at, StringComparison.Ordinal))..];
            Assert.Matches("<th scope=\"col\"[^>]*>4\\+ bed</th>", around);
            Assert.Matches("<th scope=\"row\"[^>]*>Band 1</th>", around);
        }

        using (var stream = new MemoryStream())
        {
            DocxWriter.Write(doc, stream);
            stream.Position = 0;
            using var word = WordprocessingDocument.Open(stream, false);
            var nested = word.MainDocumentPart!.Document.Body!.Descendants<Word.TableCell>()
                .SelectMany(c => c.Elements<Word.Table>())
                .Single();
            Assert.Equal("Band1 bed2 bed3 bed4+ bedTotal", nested.Elements<Word.TableRow>().First().InnerText);
            Assert.Equal(table.Rows.Count + 1, nested.Elements<Word.TableRow>().Count());
        }

        using (var stream = new MemoryStream())
        {
            XlsxWriter.Write(doc, stream);
            stream.Position = 0;
            using var book = SpreadsheetDocument.Open(stream, false);
            var rows = book.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Xl.Row>());
            var band1 = rows.Single(r => r.Elements<Xl.Cell>().FirstOrDefault()?.InnerText == "Band 1");
            var figure = band1.Elements<Xl.Cell>().ElementAt(1);
            Assert.Equal(Xl.CellValues.Number, figure.DataType?.Value);
            Assert.Equal(table.Rows[0].Cells[1].Text, figure.CellValue!.Text);
        }

        var csv = CsvRows.Parse(CsvWriter.Write(doc));
        var line = csv.Single(r => r["Measure"].EndsWith("(HO06)", StringComparison.Ordinal));
        Assert.StartsWith("Band,1 bed,2 bed,3 bed,4+ bed,Total\n", line["detail_table"], StringComparison.Ordinal);
        Assert.All(csv.Where(r => r != line), r => Assert.Equal("", r["detail_table"]));
    }

    [Fact]
    public async Task The_quarterly_report_prints_it_too()
    {
        var doc = await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q1");
        Assert.NotNull(Register(doc).Table);
    }
}
