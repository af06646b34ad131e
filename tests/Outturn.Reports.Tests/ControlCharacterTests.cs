using DocumentFormat.OpenXml.Packaging;
using Outturn.Reports.Model;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

/// <summary>Text stored before imports refused control characters, or by another route, still prints: Word and Excel
/// files drop what XML cannot carry rather than fail.</summary>
public class ControlCharacterTests
{
    private const string Hostile = "a\0b\u0001c\u0007d\be\vf\fg\u001Bh\uFFFEi\uFFFFj\uD800k\uDC00l 😀 tab\tend";
    private const string Clean = "abcdefghijkl 😀 tab\tend";

    private static readonly ReportDocument Doc = new(
        "Title " + Hostile,
        "Subtitle",
        [
            new ReportSection(
                "Section " + Hostile,
                [
                    new ParagraphBlock(Hostile),
                    new TableBlock(
                        "Caption",
                        [new ReportColumn("Measure"), new ReportColumn("Figure", ColumnKind.Number)],
                        [new ReportRow([Hostile, new ReportCell("12") { Number = 12 }]) { Detail = Hostile }]
                    ),
                    new ChartBlock("Chart " + Hostile, "Trend", [new ChartPoint("2018-03", 12, 10, null)], "count"),
                ]
            ),
        ]
    );

    [Fact]
    public void Word_export_drops_characters_xml_cannot_carry()
    {
        using var stream = new MemoryStream();
        DocxWriter.Write(Doc, stream);
        stream.Position = 0;

        using var word = WordprocessingDocument.Open(stream, false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(Clean, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Excel_export_drops_characters_xml_cannot_carry()
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(Doc, stream);
        stream.Position = 0;

        using var excel = SpreadsheetDocument.Open(stream, false);
        var texts = excel
            .WorkbookPart!.WorksheetParts.SelectMany(p =>
                p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            )
            .Select(c => c.InnerText)
            .ToList();
        Assert.Contains(Clean, texts);
    }
}
