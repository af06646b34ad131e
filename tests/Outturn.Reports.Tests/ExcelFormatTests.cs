using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Outturn.Domain.Reporting;
using Outturn.Reports.Writers;

namespace Outturn.Reports.Tests;

public class ExcelFormatTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Excel_workbooks_have_a_sheet_per_section_numbers_as_numbers_and_ratings_as_words_with_fills()
    {
        var doc = await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q1");
        using var stream = new MemoryStream();
        XlsxWriter.Write(doc, stream);
        stream.Position = 0;

        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var problems = new OpenXmlValidator()
            .Validate(xlsx)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .Distinct()
            .Take(5)
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var book = xlsx.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(
            doc.Sections.Select(s => s.Title[..Math.Min(31, s.Title.Length)]),
            sheets.Select(s => s.Name!.Value)
        );

        var formats = book.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>().ToList();
        var numberFormats = book
            .WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value);
        var sheet = (WorksheetPart)book.GetPartById(sheets[1].Id!);
        var cells = sheet.Worksheet.Descendants<Cell>().ToList();

        var numbers = cells.Where(c => c.DataType?.Value == CellValues.Number).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(
            numbers,
            c =>
                Assert.True(
                    decimal.TryParse(
                        c.CellValue!.Text,
                        System.Globalization.NumberStyles.Number,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out _
                    )
                )
        );
        Assert.Contains(
            numbers,
            c =>
                numberFormats.TryGetValue(formats[(int)c.StyleIndex!.Value].NumberFormatId!.Value, out var code)
                && code!.Contains('%', StringComparison.Ordinal)
        );

        var ratingCells = cells.Where(c => c.InlineString?.InnerText is "Red" or "Green" or "Amber").ToList();
        Assert.NotEmpty(ratingCells);
        Assert.All(
            ratingCells,
            c => Assert.True(formats[(int)c.StyleIndex!.Value].FillId!.Value >= 3, "a rating cell has its fill")
        );
    }

    [Fact]
    public async Task A_figure_keeps_the_words_printed_after_it_and_stays_a_number()
    {
        var doc = await demo.BuildAsync(ReportLayout.Quarterly, "2017/18 Q4");
        var provisional = doc
            .Sections.SelectMany(s => s.Blocks.Concat(s.Subsections.SelectMany(sub => sub.Blocks)))
            .OfType<Model.TableBlock>()
            .SelectMany(t => t.Rows)
            .SelectMany(r => r.Cells)
            .First(c => c.Number is not null && c.Suffix == "(provisional)");
        using var stream = new MemoryStream();
        XlsxWriter.Write(doc, stream);
        stream.Position = 0;
        using var xlsx = SpreadsheetDocument.Open(stream, false);
        var book = xlsx.WorkbookPart!;
        var formats = book.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>().ToList();
        var codes = book
            .WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!);
        var cell = book
            .WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>())
            .First(c =>
                c.DataType?.Value == CellValues.Number
                && c.CellValue!.Text
                    == provisional.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && codes.TryGetValue(formats[(int)c.StyleIndex!.Value].NumberFormatId!.Value, out var code)
                && code.EndsWith(" (provisional)\"", StringComparison.Ordinal)
            );
        Assert.NotNull(cell);
    }

    [Fact]
    public void Sheet_names_follow_excels_rules()
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Adult Social Care - Health -x-", XlsxWriter.SheetName("Adult Social Care / Health [x]", used));
        Assert.Equal(
            "A very long committee name that",
            XlsxWriter.SheetName("A very long committee name that goes on", used)
        );
        var second = XlsxWriter.SheetName("A very long committee name that goes on", used);
        Assert.Equal(31, second.Length);
        Assert.EndsWith("(2)", second, StringComparison.Ordinal);
    }
}
