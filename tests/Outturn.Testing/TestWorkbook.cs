using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Outturn.Testing;

/// <summary>Writes a real .xlsx with OpenXml: numbers as numeric cells, text as inline strings, as Excel would hold
/// them.</summary>
public static class TestWorkbook
{
    public static void Write(string path, params (string Name, string?[][] Rows)[] sheets)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook(new Sheets());
        uint id = 1;
        foreach (var (name, rows) in sheets)
        {
            var part = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            foreach (var row in rows)
            {
                var xmlRow = new Row { RowIndex = r };
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] is not { } text)
                    {
                        continue;
                    }

                    var reference = $"{(char)('A' + c)}{r}";
                    xmlRow.Append(
                        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && r > 1
                            ? new Cell
                            {
                                CellReference = reference,
                                CellValue = new CellValue(text),
                                DataType = CellValues.Number,
                            }
                            : new Cell
                            {
                                CellReference = reference,
                                DataType = CellValues.InlineString,
                                InlineString = new InlineString(new Text(text)),
                            }
                    );
                }

                data.Append(xmlRow);
                r++;
            }

            part.Worksheet = new Worksheet(data);
            book.Workbook.Sheets!.Append(
                new Sheet
                {
                    Id = book.GetIdOfPart(part),
                    SheetId = id++,
                    Name = name,
                }
            );
        }

        book.Workbook.Save();
    }
}
